package io.heartbeatharness.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The TCP sockets this JVM holds, counted by state from {@code /proc/self/fd} and {@code /proc/net/tcp[6]}: how a
 * test proves that listeners and connections it caused are all closed again.
 */
final class ProcessSockets {
    /** The kernel's TCP states, indexed by the hex code {@code /proc/net/tcp} shows (include/net/tcp_states.h). */
    private static final List<String> STATES = List.of("?", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1",
            "FIN_WAIT2", "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV");

    private ProcessSockets() {
    }

    static boolean available() {
        return Files.isDirectory(Path.of("/proc/self/fd")) && Files.isReadable(Path.of("/proc/net/tcp"));
    }

    /** Socket file descriptors this process has open (TCP, UDP, Unix, netlink alike). */
    static int socketDescriptors() {
        return inodes().size();
    }

    /** This process's TCP sockets by state, e.g. {@code {ESTABLISHED=2, LISTEN=1}}. */
    static Map<String, Integer> tcpByState() {
        Set<String> mine = inodes();
        Map<String, Integer> byState = new TreeMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> rows;
            try {
                rows = Files.readAllLines(Path.of(table));
            } catch (IOException noIpv6) {
                continue;
            }
            for (String row : rows.subList(1, rows.size())) {
                String[] columns = row.trim().split("\\s+");
                // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...
                if (columns.length > 9 && mine.contains(columns[9])) {
                    byState.merge(STATES.get(Integer.parseInt(columns[3], 16)), 1, Integer::sum);
                }
            }
        }
        return byState;
    }

    private static Set<String> inodes() {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // The descriptor was closed between listing and reading: not open any more.
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc/self/fd: " + e.getMessage(), e);
        }
        return inodes;
    }
}
