package io.heartbeatharness.cli;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code heartbeat-harness.jar proxy}, run as a user runs it: serves Toxiproxy's API, stops cleanly on SIGTERM. */
class ProxyCommandIT {
    private static final Path JAR = Path.of("target", "heartbeat-harness.jar");
    private static final Pattern LISTENING = Pattern.compile("API listening on (http://\\S+)");

    private static Process start(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toAbsolutePath().toString(),
                "proxy"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    void servesToxiproxysApiAndStopsCleanlyOnSigterm() throws Exception {
        Process proxy = start("--port", "0");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(proxy.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            Matcher listening = LISTENING.matcher(String.valueOf(first));
            assertThat(listening.find()).as(first).isTrue();
            HttpResponse<String> version = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(listening.group(1) + "/version")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(version.body()).isEqualTo("{\"version\": \"2.12.0\"}\n");
            // SIGTERM through the handle: Process.destroy() would also close our end of its output.
            proxy.toHandle().destroy();
            assertThat(proxy.waitFor(30, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
            assertThat(out.readLine()).isEqualTo("proxy: stopped");
        } finally {
            proxy.destroyForcibly();
        }
    }

    @Test
    void aNonLoopbackHostIsWarnedAbout() throws Exception {
        // 192.0.2.1 (TEST-NET-1) is never a local address: the warning is printed, then binding fails harmlessly.
        Process proxy = start("--host", "192.0.2.1", "--port", "0");
        try {
            assertThat(proxy.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String output = new String(proxy.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(output).contains("warning", "192.0.2.1", "not a loopback address");
            assertThat(proxy.exitValue()).isEqualTo(1);
        } finally {
            proxy.destroyForcibly();
        }
    }
}
