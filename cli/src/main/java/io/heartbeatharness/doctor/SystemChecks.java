package io.heartbeatharness.doctor;

import io.heartbeatharness.kernel.KernelSupport;
import io.heartbeatharness.nginx.Nginx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The checks of the machine itself: the JVM, Linux, nginx, kernel networks, the browser. */
final class SystemChecks {
    private static final String[] SBIN = {"/usr/sbin", "/usr/local/sbin"};

    private SystemChecks() {
    }

    static Finding java() {
        Runtime.Version version = Runtime.version();
        String number = version.version().stream().map(String::valueOf).collect(Collectors.joining("."));
        String found = "java " + number + " (" + System.getProperty("java.vendor", "unknown vendor") + ")";
        return version.feature() >= 17 ? Finding.ok(found) : Finding.missing(found + ", needs 17 or later");
    }

    /** Linux with {@code /proc}, {@code kill}, and {@code perl} or {@code setsid} for process groups. */
    static Finding linux() {
        String os = System.getProperty("os.name", "") + " " + System.getProperty("os.version", "");
        if (!os.startsWith("Linux") || !Files.isReadable(Path.of("/proc/self/status"))) {
            return Finding.missing(os.trim() + ": not Linux with /proc");
        }
        List<String> absent = new ArrayList<>();
        if (Probes.executable("kill", "/usr/bin", "/bin").isEmpty()) {
            absent.add("kill");
        }
        if (Probes.executable("perl", "/usr/bin").isEmpty() && Probes.executable("setsid", "/usr/bin").isEmpty()) {
            absent.add("perl or setsid");
        }
        if (absent.isEmpty()) {
            return Finding.ok(os.trim());
        }
        return Finding.partial(os.trim() + ", without " + String.join(", ", absent),
                "apt-get install " + (absent.contains("kill") ? "procps perl" : "perl"));
    }

    static Finding nginx() {
        Optional<String> reason = Nginx.unavailableReason();
        if (reason.isPresent()) {
            return Finding.missing("nginx: not installed");
        }
        String version = Probes.executable("nginx", SBIN).flatMap(path -> Probes.output(path.toString(), "-v"))
                .flatMap(out -> Probes.lineWith(out, "nginx/")).orElse("");
        return Finding.ok(("nginx " + version).trim());
    }

    /** The kernel backend's own check: root, ip, iptables, sysctl, and a namespace made, given NAT and removed. */
    static Finding kernel() {
        List<String> tools = List.of("ip", "iptables", "sysctl").stream()
                .filter(tool -> Probes.executable(tool).isEmpty()).toList();
        if (!tools.isEmpty()) {
            return Finding.missing("kernel: no " + String.join(", ", tools));
        }
        Optional<String> reason = KernelSupport.unavailableReason();
        if (reason.isEmpty()) {
            return Finding.ok("kernel: root, ip, iptables, netns made");
        }
        if (reason.get().contains("need root")) {
            return Finding.partial("kernel: tools, not root", "sudo bin/heartbeat-harness check --backend kernel")
                    .withNote(reason.get());
        }
        return Finding.partial("kernel: root, no netns", "run where root may make network namespaces")
                .withNote(reason.get());
    }

    /** Debian's chromium and chromedriver, as the browser test of the report looks them up. */
    static Finding browser() {
        boolean chromium = Probes.executable("chromium").isPresent();
        boolean driver = Probes.executable("chromedriver").isPresent();
        if (chromium && driver) {
            String version = Probes.output("chromedriver", "--version").flatMap(out -> Probes.lineWith(out, "ChromeDriver"))
                    .map(v -> v.split("\\s+")[0]).orElse("");
            return Finding.ok(("chromium, chromedriver " + version).trim());
        }
        if (!chromium && !driver) {
            return Finding.missing("chromium, chromedriver: not on PATH");
        }
        return Finding.partial(chromium ? "chromium, no chromedriver" : "chromedriver, no chromium",
                "apt-get install " + (chromium ? "chromium-driver" : "chromium"));
    }
}
