package io.heartbeatharness.backend.toxiproxy;

import io.heartbeatharness.process.JavaLauncher;
import io.heartbeatharness.process.ManagedProcess;
import io.heartbeatharness.proxy.ProxyServerMain;
import io.heartbeatharness.timeline.Timeline;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The harness's embedded proxy run as a separate process and reached only by its Toxiproxy API URL: to the
 * toxiproxy backend it is a Toxiproxy server like any other, so the backend's whole code path runs where no
 * Docker exists.
 */
final class ToxiproxyApiProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("API listening on (http://\\S+)");

    private final ManagedProcess process;
    private final String url;

    private ToxiproxyApiProcess(ManagedProcess process, String url) {
        this.process = process;
        this.url = url;
    }

    static ToxiproxyApiProcess start() {
        ManagedProcess process = ManagedProcess.start("toxiproxy-api",
                JavaLauncher.command(ProxyServerMain.class.getName(), List.of("--port", "0")), new Timeline());
        try {
            String[] url = new String[1];
            Awaitility.await("the proxy process prints its API URL").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50)).until(() -> {
                        Matcher m = LISTENING.matcher(process.stdoutTail());
                        if (m.find()) {
                            url[0] = m.group(1);
                        }
                        return url[0] != null;
                    });
            return new ToxiproxyApiProcess(process, url[0]);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    String url() {
        return url;
    }

    @Override
    public void close() {
        process.close();
    }
}
