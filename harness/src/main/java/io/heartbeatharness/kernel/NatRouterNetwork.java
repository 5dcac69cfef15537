package io.heartbeatharness.kernel;

import io.heartbeatharness.timeline.Direction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Three network namespaces joined by veth pairs: a client, a server, and a router between them that masquerades
 * the client's connections (a NAT) and forgets a connection's mapping once it has been idle longer than its
 * conntrack established-flow timeout. Later packets of a forgotten connection are dropped, silently, by the
 * router: a real NAT idle expiry. Blackholes are iptables {@code DROP}s in the router, before conntrack sees the
 * packet. Everything lives inside the three namespaces, so removing them removes every veth, address and rule.
 *
 * <pre>
 *   [cli] cv 10.a.b.c+6 ── cn 10.a.b.c+5 [nat: MASQUERADE out of sn] sn 10.a.b.c+1 ── sv 10.a.b.c+2 [srv]
 * </pre>
 */
public final class NatRouterNetwork implements AutoCloseable {
    private static final String CLIENT = "cli";
    private static final String ROUTER = "nat";
    private static final String SERVER = "srv";
    /** The first address of the range cells take /29 blocks from (10.128.0.0/9, private, far from common LANs). */
    private static final int BASE = (10 << 24) | (128 << 16);
    private static final int BLOCKS = 1 << 20;

    private final KernelNames names;
    private final List<String> madeNamespaces = new ArrayList<>();
    private final boolean[] dropping = new boolean[Direction.values().length];
    private boolean closed;

    private NatRouterNetwork(KernelNames names) {
        this.names = names;
    }

    /** Builds the next cell's network; a failure removes whatever was made and names the command that failed. */
    public static NatRouterNetwork create() {
        return create(KernelNames.nextCell());
    }

    static NatRouterNetwork create(KernelNames names) {
        NatRouterNetwork network = new NatRouterNetwork(names);
        KernelReaper.register(network);
        try {
            network.build();
            return network;
        } catch (RuntimeException e) {
            try {
                network.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private void build() {
        for (String role : List.of(CLIENT, ROUTER, SERVER)) {
            KernelCommands.run("ip", "netns", "add", names.namespace(role));
            madeNamespaces.add(names.namespace(role));
            ip(role, "link", "set", "lo", "up");
        }
        // Each veth is created with its ends already inside their namespaces: nothing ever exists in the root one.
        link(CLIENT, "cv", "cn", address(6), address(5));
        link(SERVER, "sv", "sn", address(2), address(1));
        ip(CLIENT, "route", "add", "default", "via", address(5));
        String router = names.namespace(ROUTER);
        KernelCommands.inNamespace(router, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        iptables("-t", "nat", "-A", "POSTROUTING", "-o", names.veth("sn"), "-j", "MASQUERADE");
        // A packet of a forgotten connection is INVALID (no loose pick-up, below): dropped, never answered with an
        // RST — forwarded (client to server) or addressed to the router's own masquerading address (server back).
        iptables("-A", "FORWARD", "-m", "conntrack", "--ctstate", "INVALID", "-j", "DROP");
        iptables("-A", "INPUT", "-m", "conntrack", "--ctstate", "INVALID", "-j", "DROP");
        // The conntrack sysctls of a namespace appear once its conntrack is in use, i.e. after the rules above.
        KernelCommands.inNamespace(router, "sysctl", "-q", "-w", "net.netfilter.nf_conntrack_tcp_loose=0");
    }

    private void link(String role, String inside, String routerSide, String insideAddress, String routerAddress) {
        KernelCommands.run("ip", "link", "add", names.veth(inside), "netns", names.namespace(role), "type", "veth",
                "peer", "name", names.veth(routerSide), "netns", names.namespace(ROUTER));
        ip(role, "addr", "add", insideAddress + "/30", "dev", names.veth(inside));
        ip(role, "link", "set", names.veth(inside), "up");
        ip(ROUTER, "addr", "add", routerAddress + "/30", "dev", names.veth(routerSide));
        ip(ROUTER, "link", "set", names.veth(routerSide), "up");
    }

    public KernelNames names() {
        return names;
    }

    /** Where the server listens and the client connects (the client reaches it through the router's NAT). */
    public String serverAddress() {
        return address(2);
    }

    public String clientNamespace() {
        return names.namespace(CLIENT);
    }

    public String serverNamespace() {
        return names.namespace(SERVER);
    }

    public String routerNamespace() {
        return names.namespace(ROUTER);
    }

    /**
     * Sets the NAT's idle timeout: conntrack forgets an established TCP flow idle for longer than this. The
     * kernel holds whole seconds; a flow takes the new value with its next packet.
     */
    public void natIdleTimeout(Duration idle) {
        if (idle.toNanos() % 1_000_000_000L != 0 || idle.getSeconds() < 1) {
            throw new IllegalArgumentException("nat idle timeout: the kernel holds whole seconds (at least 1), got "
                    + idle.toMillis() + " ms");
        }
        KernelCommands.inNamespace(routerNamespace(), "sysctl", "-q", "-w",
                "net.netfilter.nf_conntrack_tcp_timeout_established=" + idle.getSeconds());
    }

    /**
     * Drops every packet arriving at the router in {@code direction} ({@code upstream}: from the client), before
     * conntrack sees it — a cable cut, silent to both ends — or stops dropping.
     */
    public synchronized void blackhole(Direction direction, boolean on) {
        if (dropping[direction.ordinal()] == on) {
            return;
        }
        String from = names.veth(direction == Direction.UPSTREAM ? "cn" : "sn");
        iptables("-t", "raw", on ? "-I" : "-D", "PREROUTING", "-i", from, "-j", "DROP");
        dropping[direction.ordinal()] = on;
    }

    private void ip(String role, String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", names.namespace(role)));
        argv.addAll(List.of(args));
        KernelCommands.run(argv);
    }

    /** {@code -w}: iptables takes a lock shared by every namespace; concurrent cells wait for it, never fail. */
    private void iptables(String... args) {
        List<String> argv = new ArrayList<>(List.of("iptables", "-w"));
        argv.addAll(List.of(args));
        KernelCommands.run(KernelCommands.inNamespace(routerNamespace(), argv));
    }

    /** Address {@code offset} of this cell's /29: .1/.2 the router–server link, .5/.6 the client–router link. */
    private String address(int offset) {
        int block = Math.floorMod(names.number(), BLOCKS);
        int ip = BASE + block * 8 + offset;
        return (ip >>> 24) + "." + ((ip >>> 16) & 255) + "." + ((ip >>> 8) & 255) + "." + (ip & 255);
    }

    /** Removes the three namespaces, and with them every veth, address and rule; a failure names the command. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        KernelCommandException first = null;
        for (int i = madeNamespaces.size() - 1; i >= 0; i--) {
            try {
                KernelCommands.run("ip", "netns", "del", madeNamespaces.get(i));
            } catch (KernelCommandException e) {
                first = first == null ? e : first;
            }
        }
        KernelReaper.unregister(this);
        if (first != null) {
            throw first;
        }
    }
}
