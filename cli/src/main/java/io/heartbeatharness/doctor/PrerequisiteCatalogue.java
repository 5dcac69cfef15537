package io.heartbeatharness.doctor;

import io.heartbeatharness.scenario.catalogue.Catalogue;
import io.heartbeatharness.run.MatrixRun;
import io.heartbeatharness.spec.TargetSpecs;

import java.util.List;

/**
 * Every optional prerequisite of the harness and of its tests, in the order {@code doctor} prints them, with the
 * Debian and Ubuntu packages CI installs ({@code .ci/run}).
 */
public final class PrerequisiteCatalogue {
    private PrerequisiteCatalogue() {
    }

    public static List<Prerequisite> all() {
        return List.of(
                new Prerequisite("java", "runs the harness", SystemChecks::java, "apt-get install openjdk-17-jre-headless"),
                new Prerequisite("linux", "signals, /proc, process groups", SystemChecks::linux, "run on Linux"),
                new Prerequisite("nginx", "proxy-idle/* cells (" + cells("proxy-idle") + ")", SystemChecks::nginx,
                        "apt-get install nginx-light"),
                new Prerequisite("kernel", "--backend kernel; tcp-keepalive/blackhole cells (" + cells("tcp-keepalive")
                        + ")", SystemChecks::kernel, "apt-get install iproute2 iptables procps"),
                new Prerequisite("docker", "targets in containers (image:); --backend toxiproxy without --toxiproxy-url",
                        DockerCheck::check, "apt-get install docker.io"),
                new Prerequisite("browser", "HtmlReportBrowserIT (the report in a browser)", SystemChecks::browser,
                        "apt-get install chromium chromium-driver"),
                new Prerequisite("node", "Node.js examples; NodeWsServerIT, CorpusIT", CorpusChecks::node,
                        "apt-get install nodejs npm"),
                new Prerequisite("python3", "aiohttp 3.8, tornado 6.2 examples; CorpusIT", CorpusChecks::python,
                        "apt-get install python3 python3-aiohttp python3-tornado"),
                new Prerequisite("mosquitto", "mosquitto 2.0 broker example; CorpusIT", CorpusChecks::mosquitto,
                        "apt-get install mosquitto"),
                new Prerequisite("java-mqtt", "Moquette and Paho examples; CorpusIT", CorpusChecks::javaMqtt,
                        "mvn -B -q -f examples/java-mqtt/pom.xml package"));
    }

    /** How many cells of the default run the scenarios under {@code group} make. */
    static int cells(String group) {
        return MatrixRun.plan(Catalogue.select(List.of(group)), TargetSpecs.select(List.of())).size();
    }
}
