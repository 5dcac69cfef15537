package io.heartbeatharness.kernel;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of everything the harness makes in the kernel: {@code hh<pid>c<cell>} followed by a role, where
 * {@code <pid>} is the owning JVM's — so a later run can tell a leftover of a killed run (its pid no longer alive)
 * from a network another live run is using.
 *
 * <pre>
 *   namespaces  hh4711c3-cli  hh4711c3-nat  hh4711c3-srv
 *   veths       hh4711c3cv (in -cli)  hh4711c3cn (in -nat)  hh4711c3sn (in -nat)  hh4711c3sv (in -srv)
 * </pre>
 */
public final class KernelNames {
    /** Linux's IFNAMSIZ is 16 bytes including the terminating NUL. */
    public static final int MAX_INTERFACE_NAME = 15;
    /** What every harness-made namespace and interface name looks like; group 1 is the owner's pid. */
    public static final Pattern OWNED = Pattern.compile("^hh(\\d+)c[0-9a-z]+.*$");

    private static final AtomicInteger CELLS = new AtomicInteger();

    private final String cell;
    private final int number;

    private KernelNames(String cell, int number) {
        this.cell = cell;
        this.number = number;
    }

    /** Names for the next cell of this JVM (cell numbers in base 36 keep veth names short). */
    public static KernelNames nextCell() {
        return forCell(ProcessHandle.current().pid(), CELLS.incrementAndGet());
    }

    static KernelNames forCell(long pid, int cell) {
        KernelNames names = new KernelNames("hh" + pid + "c" + Integer.toString(cell, Character.MAX_RADIX), cell);
        if (names.veth("cv").length() > MAX_INTERFACE_NAME) {
            throw new IllegalStateException("interface name " + names.veth("cv") + " exceeds " + MAX_INTERFACE_NAME
                    + " characters");
        }
        return names;
    }

    /** This cell's number within its JVM (1, 2, …); {@code 0} names the availability probe. */
    public int number() {
        return number;
    }

    /** Names for the availability probe of this JVM, which never serves a cell. */
    static KernelNames probe() {
        return forCell(ProcessHandle.current().pid(), 0);
    }

    /** The prefix every name of this cell starts with, e.g. {@code hh4711c3}. */
    public String cell() {
        return cell;
    }

    public String namespace(String role) {
        return cell + "-" + role;
    }

    public String veth(String end) {
        return cell + end;
    }

    /** The pid of the JVM that made {@code name}, when it is a harness-made name. */
    public static OptionalLong owner(String name) {
        Matcher matcher = OWNED.matcher(name);
        if (!matcher.matches()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(matcher.group(1)));
        } catch (NumberFormatException tooLong) {
            return OptionalLong.empty();
        }
    }
}
