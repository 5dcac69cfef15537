package io.heartbeatharness.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The checks of what the examples and the open corpus run on: Node.js, Python, mosquitto, the Java MQTT build. */
final class CorpusChecks {
    static final String AIOHTTP = "3.8.";
    static final String TORNADO = "6.2";
    /** Prints "aiohttp VERSION" and "tornado VERSION", with "-" for a module that does not import. */
    private static final String VERSIONS = "import importlib\nfor m in ('aiohttp', 'tornado'):\n"
            + "  try:\n    v = importlib.import_module(m)\n    print(m, getattr(v, '__version__', getattr(v, 'version', '?')))\n"
            + "  except Exception:\n    print(m, '-')";

    private CorpusChecks() {
    }

    static Finding node() {
        if (Probes.executable("node").isEmpty()) {
            return Finding.missing("node: not on PATH");
        }
        String node = "node " + Probes.output("node", "--version").orElse("?");
        if (Probes.executable("npm").isEmpty()) {
            return Finding.partial(node + ", no npm", "apt-get install npm");
        }
        Optional<Path> examples = Probes.examples();
        if (examples.isEmpty()) {
            return Finding.ok(node + ", npm").withNote("not in a checkout: " + Probes.RUN_FROM_ROOT + "node_modules");
        }
        List<String> absent = new ArrayList<>();
        if (!Files.isDirectory(examples.get().resolve("node-ws/node_modules/ws"))) {
            absent.add("node-ws");
        }
        if (!Files.isDirectory(examples.get().resolve("node-socketio/node_modules/socket.io"))) {
            absent.add("node-socketio");
        }
        if (absent.isEmpty()) {
            return Finding.ok(node + ", npm, node_modules");
        }
        String fix = String.join(" && ", absent.stream().map(dir -> "(cd examples/" + dir + " && npm ci)").toList());
        return Finding.partial(node + ", npm, no node_modules", fix)
                .withNote("examples/" + String.join(", examples/", absent) + " have none");
    }

    /** The python3 on PATH must import aiohttp 3.8 and tornado 6.2: the corpus's specs start "python3". */
    static Finding python() {
        Optional<Path> onPath = Probes.executable("python3");
        Path system = Path.of("/usr/bin/python3");
        if (onPath.isPresent()) {
            String versions = versions(onPath.get());
            if (fits(versions)) {
                return Finding.ok("python3: " + versions);
            }
            String note = onPath.get() + ": " + versions;
            if (!onPath.get().equals(system) && Files.isExecutable(system) && fits(versions(system))) {
                return Finding.partial("python3 on PATH lacks the modules", "export PATH=/usr/bin:$PATH")
                        .withNote(note + "; /usr/bin/python3: " + versions(system));
            }
            return Finding.partial("python3 lacks the modules", "apt-get install python3-aiohttp python3-tornado")
                    .withNote(note);
        }
        return Finding.missing("python3: not on PATH");
    }

    private static String versions(Path python) {
        return Probes.output(python.toString(), "-c", VERSIONS).map(out -> String.join(", ", out.lines().toList()))
                .orElse("no answer");
    }

    private static boolean fits(String versions) {
        return versions.contains("aiohttp " + AIOHTTP) && versions.contains("tornado " + TORNADO);
    }

    static Finding mosquitto() {
        Optional<Path> mosquitto = Probes.executable("mosquitto", "/usr/sbin");
        if (mosquitto.isEmpty()) {
            return Finding.missing("mosquitto: not installed");
        }
        String version = Probes.output(mosquitto.get().toString(), "-h")
                .flatMap(out -> Probes.lineWith(out, "mosquitto version")).orElse("?");
        if (version.startsWith("2.0")) {
            return Finding.ok("mosquitto " + version);
        }
        return Finding.partial("mosquitto " + version, "apt-get install mosquitto")
                .withNote("the corpus's specs describe mosquitto 2.0");
    }

    static Finding javaMqtt() {
        Optional<Path> examples = Probes.examples();
        if (examples.isEmpty()) {
            return Finding.ok("java-mqtt: not in a checkout").withNote(Probes.RUN_FROM_ROOT + "its build");
        }
        return Files.isDirectory(examples.get().resolve("java-mqtt/target/lib"))
                ? Finding.ok("java-mqtt: target/lib built")
                : Finding.missing("java-mqtt: not built").withNote("no examples/java-mqtt/target/lib");
    }
}
