package io.heartbeatharness.doctor;

import io.heartbeatharness.backend.toxiproxy.DockerImages;
import io.heartbeatharness.backend.toxiproxy.ToxiproxyBackend;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker for {@code --backend toxiproxy} without {@code --toxiproxy-url}: a client, an engine that answers within
 * {@link Probes#ANSWER}, then the backend's own check of the image ({@link DockerImages}). Pulls nothing.
 */
final class DockerCheck {
    private static final Pattern VERSION = Pattern.compile("^\\d+\\.\\d+\\S*");
    private static final Pattern ABSENT_IMAGE = Pattern.compile("image (\\S+) is not present");

    private DockerCheck() {
    }

    static Finding check() {
        String image = ToxiproxyBackend.configuredImage();
        if (Probes.executable("docker").isEmpty()) {
            return Finding.missing("docker: no client on PATH");
        }
        Optional<String> server = Probes.output("docker", "version", "--format", "{{.Server.Version}}");
        if (server.isEmpty() || !VERSION.matcher(server.get()).find()) {
            String why = server.isEmpty() ? "no answer within " + Probes.ANSWER.toSeconds() + " s"
                    : server.get().lines().findFirst().orElse("").split("\\. ")[0];
            return Finding.partial("docker client, no engine", "systemctl start docker")
                    .withNote("then: docker pull " + image + " (" + why + ")");
        }
        String engine = "docker " + server.get().lines().findFirst().orElse("");
        Optional<String> reason = DockerImages.unavailableReason(image);
        if (reason.isEmpty()) {
            return Finding.ok(engine + ", " + image);
        }
        String what = ABSENT_IMAGE.matcher(reason.get()).find() ? ", image missing" : ", not usable yet";
        return Finding.partial(engine + what, fixFor(reason.get())).withNote(reason.get());
    }

    /** The command that removes what {@link DockerImages} found missing. */
    static String fixFor(String reason) {
        Matcher absent = ABSENT_IMAGE.matcher(reason);
        if (absent.find()) {
            return "docker pull " + absent.group(1);
        }
        if (reason.contains("TESTCONTAINERS_HOST_OVERRIDE")) {
            return "export TESTCONTAINERS_HOST_OVERRIDE=localhost";
        }
        return "see docs/design.md#toxiproxy";
    }
}
