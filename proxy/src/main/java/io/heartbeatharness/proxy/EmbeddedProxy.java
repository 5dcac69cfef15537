package io.heartbeatharness.proxy;

import io.heartbeatharness.proxy.internal.ClientInitializer;
import io.heartbeatharness.proxy.internal.ConnectionHost;
import io.heartbeatharness.proxy.internal.HostPort;
import io.heartbeatharness.proxy.internal.LoopWatch;
import io.heartbeatharness.proxy.internal.ProxyConnection;
import io.heartbeatharness.proxy.internal.Tap;
import io.heartbeatharness.proxy.internal.Transports;
import io.heartbeatharness.proxy.toxics.Toxic;
import io.heartbeatharness.timeline.Direction;
import io.heartbeatharness.timeline.Timeline;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An in-JVM TCP proxy between a listen address and an upstream that behaves like one Shopify Toxiproxy proxy —
 * Toxiproxy's toxics, {@code enabled}, listen and upstream changes — plus the heartbeat faults Toxiproxy lacks
 * ({@link #blackhole}, {@link #natIdle}, {@link #idleClose}) and a tap that records every connection's life.
 *
 * <pre>
 *   client &lt;-&gt; [CLIENT side | EmbeddedProxy | SERVER side] &lt;-&gt; upstream
 *             downstream toxics    upstream toxics
 *             act on this socket   act on this socket
 * </pre>
 *
 * <p>Use it directly from Java ({@link #start}) or through {@link ProxyServer}, which serves Toxiproxy's HTTP API
 * so toxiproxy-java, toxiproxy-cli and Toxiproxy scripts drive it unchanged. Every method may be called from any
 * thread; changes reach existing connections before the method returns.
 */
public final class EmbeddedProxy implements AutoCloseable, ConnectionHost {
    /** How long a change may wait for the event loop to apply it to every connection. */
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(10);

    /**
     * How a proxy is set up.
     *
     * @param timeline    where the tap also writes (a cell's timeline), or {@code null}
     * @param tapCapacity how many recent tap events the proxy keeps for {@code GET /proxies/{name}/events}
     */
    public record Options(Timeline timeline, int tapCapacity) {
        public static final Options DEFAULT = new Options(null, TapLog.DEFAULT_CAPACITY);

        public Options {
            if (tapCapacity < 0) {
                throw new IllegalArgumentException("tapCapacity: must not be negative, got " + tapCapacity);
            }
        }

        public Options withTimeline(Timeline newTimeline) {
            return new Options(newTimeline, tapCapacity);
        }

        public Options withTapCapacity(int capacity) {
            return new Options(timeline, capacity);
        }
    }

    private final String name;
    private final Tap tap;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    // Only on a loop of its own: there every tap stamp of this proxy is taken on the watched thread.
    private final LoopWatch watch;
    private final Set<ProxyConnection> connections = ConcurrentHashMap.newKeySet();

    private final Object lock = new Object();
    private String listen;
    private String upstream;
    private boolean enabled;
    private Channel listener;
    // Read by event loops without the lock (a connection reaching its upstream), so replaced, never mutated.
    private volatile SocketAddress upstreamAddress;
    private volatile List<ToxicSpec> toxics = List.of();

    private volatile ProxyFaults faults = ProxyFaults.NONE;
    private volatile boolean closed;

    EmbeddedProxy(String name, String listen, String upstream, Options options, EventLoopGroup sharedGroup) {
        this.name = Objects.requireNonNull(name, "name");
        this.listen = listen == null || listen.isEmpty() ? "127.0.0.1:0" : listen;
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.tap = new Tap(options.timeline(), new TapLog(options.tapCapacity()));
        this.ownsGroup = sharedGroup == null;
        this.group = sharedGroup != null ? sharedGroup : Transports.newGroup(1, "proxy-" + name);
        this.watch = ownsGroup ? LoopWatch.start(group.next(), tap) : null;
    }

    /** Starts a proxy listening on {@code 127.0.0.1}, port chosen by the kernel, tapping into {@code timeline}. */
    public static EmbeddedProxy start(String name, InetSocketAddress upstream, Timeline timeline) {
        return start(name, "127.0.0.1:0", HostPort.format(upstream), Options.DEFAULT.withTimeline(timeline));
    }

    /**
     * Starts a proxy on {@code listen} ({@code host:port}, port 0 for any) relaying to {@code upstream}
     * ({@code host:port}, resolved for every new connection as Toxiproxy does).
     *
     * @throws ToxiproxyException (500) when the listen address cannot be bound
     */
    public static EmbeddedProxy start(String name, String listen, String upstream, Options options) {
        EmbeddedProxy proxy = new EmbeddedProxy(name, listen, upstream, options, null);
        try {
            proxy.enable();
            return proxy;
        } catch (RuntimeException e) {
            proxy.close();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    /** The listen address as Toxiproxy reports it: the bound address once enabled, e.g. {@code 127.0.0.1:40123}. */
    public String listen() {
        synchronized (lock) {
            return listen;
        }
    }

    /** The upstream as given, e.g. {@code localhost:6379}. */
    public String upstream() {
        synchronized (lock) {
            return upstream;
        }
    }

    public boolean isEnabled() {
        synchronized (lock) {
            return enabled;
        }
    }

    /** The bound address (only while enabled). */
    public InetSocketAddress listenAddress() {
        synchronized (lock) {
            if (listener == null) {
                throw new IllegalStateException("proxy " + name + " is disabled: it has no listen address");
            }
            return (InetSocketAddress) listener.localAddress();
        }
    }

    public int port() {
        return listenAddress().getPort();
    }

    /** The timeline the tap writes to, or {@code null} when the proxy was created without one. */
    public Timeline tap() {
        return tap.timeline();
    }

    /** Recent tap events numbered above {@code since} (see {@link TapLog#since}). */
    public TapLog.Page events(long since, int limit) {
        return tap.log().since(since, limit);
    }

    /* ------------------------------------------------------------------ enabled, listen, upstream */

    /**
     * Starts listening (Toxiproxy's {@code enabled: true}); a no-op when already enabled.
     *
     * @throws ToxiproxyException (500) with Go's wording, e.g. {@code listen tcp 127.0.0.1:8080: bind: address
     *                            already in use}
     */
    public void enable() {
        synchronized (lock) {
            checkOpen();
            if (enabled) {
                return;
            }
            InetSocketAddress bindTo = HostPort.listenAddress(listen);
            SocketAddress target = HostPort.upstreamAddress(upstream);
            Channel bound;
            try {
                bound = new ServerBootstrap()
                        .group(group)
                        .channel(Transports.serverChannel())
                        .option(ChannelOption.SO_BACKLOG, 1024)
                        .childOption(ChannelOption.AUTO_READ, false)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childHandler(new ClientInitializer(this, tap))
                        .bind(bindTo).syncUninterruptibly().channel();
            } catch (Exception e) { // bind failures are checked exceptions thrown undeclared by sync()
                throw ToxiproxyException.internal("listen tcp " + listen + ": bind: " + HostPort.goError(e));
            }
            listener = bound;
            listen = HostPort.format((InetSocketAddress) bound.localAddress());
            HostPort.exposureWarning("proxy " + name, (InetSocketAddress) bound.localAddress())
                    .ifPresent(System.err::println);
            upstreamAddress = target;
            enabled = true;
        }
    }

    /**
     * Stops listening and closes every connection on both sides (Toxiproxy's {@code enabled: false}): a loud
     * failure, as when a service goes down, not a silent one.
     */
    public void disable() {
        synchronized (lock) {
            if (!enabled) {
                return;
            }
            enabled = false;
            listener.close().syncUninterruptibly();
            listener = null;
            onConnections(c -> c.closeAll("proxy disabled"));
        }
    }

    /**
     * Applies a Toxiproxy proxy update: a new listen or upstream address restarts the proxy (dropping its
     * connections), then {@code enabled} starts or stops it. On a failed start the proxy stays disabled.
     */
    public void update(String newListen, String newUpstream, boolean newEnabled) {
        synchronized (lock) {
            checkOpen();
            if (!Objects.equals(newListen, listen) || !Objects.equals(newUpstream, upstream)) {
                disable();
                listen = newListen == null || newListen.isEmpty() ? "127.0.0.1:0" : newListen;
                upstream = newUpstream;
            }
            if (newEnabled) {
                enable();
            } else {
                disable();
            }
        }
    }

    /* ------------------------------------------------------------------ toxics */

    /** Adds {@code toxic} with toxicity 1 under {@code name}. */
    public ToxicSpec addToxic(String toxicName, Direction stream, Toxic toxic) {
        return addToxic(new ToxicSpec(toxicName, stream, 1f, toxic));
    }

    /**
     * Adds a toxic at the end of its stream's chain, for existing and new connections alike.
     *
     * @throws ToxiproxyException (409) when a toxic of that name exists
     */
    public ToxicSpec addToxic(ToxicSpec spec) {
        synchronized (lock) {
            checkOpen();
            if (find(spec.name()).isPresent()) {
                throw ToxiproxyException.toxicExists();
            }
            toxics = with(toxics, spec);
            onConnections(c -> c.installToxic(spec));
            return spec;
        }
    }

    /**
     * Replaces a toxic's attributes and toxicity (its name, type and stream stay).
     *
     * @throws ToxiproxyException (404) when there is no such toxic
     */
    public ToxicSpec updateToxic(String toxicName, Toxic toxic, float toxicity) {
        synchronized (lock) {
            ToxicSpec current = find(toxicName).orElseThrow(ToxiproxyException::toxicNotFound);
            if (toxic.type() != current.toxic().type()) {
                throw new IllegalArgumentException("toxic " + toxicName + " is a " + current.type() + " toxic, not "
                        + toxic.type().name());
            }
            ToxicSpec updated = new ToxicSpec(toxicName, current.stream(), toxicity, toxic);
            List<ToxicSpec> replaced = new ArrayList<>(toxics);
            replaced.set(replaced.indexOf(current), updated);
            toxics = List.copyOf(replaced);
            onConnections(c -> c.updateToxic(updated));
            return updated;
        }
    }

    /**
     * Removes a toxic: what it holds is delivered at once; removing a {@code timeout} toxic closes its connections.
     *
     * @throws ToxiproxyException (404) when there is no such toxic
     */
    public void removeToxic(String toxicName) {
        synchronized (lock) {
            ToxicSpec current = find(toxicName).orElseThrow(ToxiproxyException::toxicNotFound);
            List<ToxicSpec> remaining = new ArrayList<>(toxics);
            remaining.remove(current);
            toxics = List.copyOf(remaining);
            onConnections(c -> c.removeToxic(toxicName));
        }
    }

    /** Removes every toxic. */
    public void resetToxics() {
        synchronized (lock) {
            for (ToxicSpec spec : List.copyOf(toxics)) {
                removeToxic(spec.name());
            }
        }
    }

    public Optional<ToxicSpec> toxic(String toxicName) {
        synchronized (lock) {
            return find(toxicName);
        }
    }

    /** Every toxic, upstream ones first, each stream in the order added — the order Toxiproxy lists them in. */
    public List<ToxicSpec> toxics() {
        return toxicsSnapshot();
    }

    @Override
    public List<ToxicSpec> toxicsSnapshot() {
        List<ToxicSpec> current = toxics;
        List<ToxicSpec> ordered = new ArrayList<>(current.size());
        for (Direction direction : Direction.values()) {
            for (ToxicSpec spec : current) {
                if (spec.stream() == direction) {
                    ordered.add(spec);
                }
            }
        }
        return ordered;
    }

    private static List<ToxicSpec> with(List<ToxicSpec> list, ToxicSpec spec) {
        List<ToxicSpec> copy = new ArrayList<>(list);
        copy.add(spec);
        return List.copyOf(copy);
    }

    private Optional<ToxicSpec> find(String toxicName) {
        return toxics.stream().filter(t -> t.name().equals(toxicName)).findFirst();
    }

    /* ------------------------------------------------------------------ heartbeat faults */

    /**
     * Silently drops every byte (and every close) flowing in {@code direction}; both sockets stay open, as on a
     * half-open link. Switching it off relays the closes it swallowed, so a side that went away meanwhile is seen
     * to be gone.
     */
    public void blackhole(Direction direction, boolean on) {
        synchronized (lock) {
            faults = faults.withBlackhole(direction, on);
            if (!on) {
                onConnections(ProxyConnection::releaseHeldCloses);
            }
        }
    }

    public boolean isDropping(Direction direction) {
        return faults.blackhole(direction);
    }

    /**
     * Makes the proxy behave as a NAT that forgets mappings idle for {@code timeout}: once a connection has been
     * silent in both directions that long, its later bytes and closes vanish silently and for good (the tap shows
     * {@code nat-expired}), while new connections work. {@link Duration#ZERO} turns it off; connections already
     * forgotten stay forgotten.
     */
    public void natIdle(Duration timeout) {
        synchronized (lock) {
            faults = faults.withNatIdle(timeout);
            long nanos = timeout.toNanos();
            onConnections(c -> c.natIdle(nanos));
        }
    }

    /**
     * Closes both sides of a connection once it has been silent in both directions for {@code timeout}, as
     * nginx ({@code proxy_read_timeout}) and HAProxy ({@code timeout tunnel}) do. {@link Duration#ZERO} turns it off.
     */
    public void idleClose(Duration timeout) {
        synchronized (lock) {
            faults = faults.withIdleClose(timeout);
            long nanos = timeout.toNanos();
            onConnections(c -> c.idleClose(nanos));
        }
    }

    /**
     * Resets every open connection now — an RST to the client and to the server, as when a NAT box or load
     * balancer in the path reboots mid-session. New connections work as before.
     */
    public void resetConnections() {
        synchronized (lock) {
            onConnections(c -> c.resetAll("reset"));
        }
    }

    /** The heartbeat faults currently set. */
    public ProxyFaults faults() {
        return faults;
    }

    /** Sets every heartbeat fault at once. */
    public void faults(ProxyFaults wanted) {
        synchronized (lock) {
            for (Direction direction : Direction.values()) {
                if (wanted.blackhole(direction) != faults.blackhole(direction)) {
                    blackhole(direction, wanted.blackhole(direction));
                }
            }
            if (!wanted.natIdle().equals(faults.natIdle())) {
                natIdle(wanted.natIdle());
            }
            if (!wanted.idleClose().equals(faults.idleClose())) {
                idleClose(wanted.idleClose());
            }
        }
    }

    /** Turns every heartbeat fault off. */
    public void clearFaults() {
        faults(ProxyFaults.NONE);
    }

    /* ------------------------------------------------------------------ connections */

    /** The connections currently open (for inspection and tests). */
    public List<ProxyConnection> connections() {
        return List.copyOf(connections);
    }

    @Override
    public boolean dropping(Direction direction) {
        return faults.blackhole(direction);
    }

    @Override
    public SocketAddress upstreamAddress() {
        return upstreamAddress;
    }

    @Override
    public void register(ProxyConnection connection) {
        connections.add(connection);
        connection.closeFuture().addListener(f -> connections.remove(connection));
    }

    @Override
    public void connected(ProxyConnection connection) {
        ProxyFaults current = faults;
        connection.natIdle(current.natIdle().toNanos());
        connection.idleClose(current.idleClose().toNanos());
    }

    /** Runs {@code action} on every connection's event loop and waits until all have run it. */
    private void onConnections(Consumer<ProxyConnection> action) {
        List<Future<?>> pending = new ArrayList<>();
        for (ProxyConnection connection : connections) {
            pending.add(connection.execute(() -> action.accept(connection)));
        }
        long deadline = System.nanoTime() + APPLY_TIMEOUT.toNanos();
        for (Future<?> future : pending) {
            future.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("proxy " + name + " is closed");
        }
    }

    /** Disables the proxy for good and releases its threads. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            disable();
            closed = true;
        }
        if (ownsGroup) {
            watch.stop();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Override
    public String toString() {
        return "proxy " + name + " " + listen() + " -> " + upstream();
    }
}
