package io.heartbeatharness.proxy;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Out of the box, the control API and every proxy listen on loopback only, and browsers are turned away. */
class SecurityDefaultsIT {
    @Test
    void theApiAndAProxyWithoutAListenAddressBindToLoopback() throws Exception {
        try (EchoServer upstream = new EchoServer();
             ProxyServer server = ProxyServer.start(ProxyServer.Options.DEFAULT.withPort(0))) {
            assertThat(server.address().getAddress().isLoopbackAddress()).as("API address %s", server.url()).isTrue();
            EmbeddedProxy proxy = server.createProxy("no-listen", "", upstream.hostPort(), true);
            assertThat(proxy.listenAddress().getAddress().isLoopbackAddress()).as("proxy %s", proxy.listen()).isTrue();
        }
    }

    @Test
    void aBrowsersRequestIsRefusedOnEveryRouteEvenAStateChangingOne() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (ProxyServer server = ProxyServer.start("127.0.0.1", 0)) {
            for (String[] route : new String[][] {{"GET", "/proxies"}, {"POST", "/reset"}, {"POST", "/populate"},
                    {"DELETE", "/proxies/x"}}) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(server.url() + route[1]))
                        .method(route[0], HttpRequest.BodyPublishers.ofString("[]"))
                        .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as("%s %s", route[0], route[1]).isEqualTo(403);
                assertThat(answer.body()).isEqualTo("User agent not allowed\n");
            }
        }
    }
}
