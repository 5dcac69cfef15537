package io.heartbeatharness.proxy;

import io.heartbeatharness.proxy.control.ProxyFaults;
import io.heartbeatharness.proxy.control.TapLog;
import io.heartbeatharness.proxy.control.ToxicSpec;
import io.heartbeatharness.proxy.internal.ConnectionHost;
import io.heartbeatharness.proxy.internal.ConnectionSet;
import io.heartbeatharness.proxy.internal.HeartbeatFaults;
import io.heartbeatharness.proxy.internal.HostPort;
import io.heartbeatharness.proxy.internal.ProxyListener;
import io.heartbeatharness.proxy.internal.ProxyLoop;
import io.heartbeatharness.proxy.internal.Tap;
import io.heartbeatharness.proxy.internal.ToxicRegistry;
import io.heartbeatharness.proxy.toxics.Toxic;
import io.heartbeatharness.timeline.Direction;
import io.heartbeatharness.timeline.Timeline;
import io.netty.channel.EventLoopGroup;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
public final class EmbeddedProxy implements AutoCloseable {
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
    private final ProxyLoop loop;
    // One lock for the listener, the toxics and the faults: changes to one proxy happen one at a time.
    private final Object lock = new Object();
    private final ConnectionSet connections = new ConnectionSet();
    private final ToxicRegistry toxics = new ToxicRegistry(connections, lock);
    private final HeartbeatFaults faults = new HeartbeatFaults(connections, lock);
    private final ProxyListener listener;

    EmbeddedProxy(String name, String listen, String upstream, Options options, EventLoopGroup sharedGroup) {
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(upstream, "upstream");
        this.tap = new Tap(options.timeline(), new TapLog(options.tapCapacity()));
        this.loop = sharedGroup != null ? ProxyLoop.shared(sharedGroup) : ProxyLoop.own(name, tap);
        ConnectionHost host = new ConnectionHost(tap, connections, toxics, faults);
        this.listener = new ProxyListener(name, listen, upstream, loop.group(), host, lock);
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
        return listener.listen();
    }

    /** The upstream as given, e.g. {@code localhost:6379}. */
    public String upstream() {
        return listener.upstream();
    }

    public boolean isEnabled() {
        return listener.listening();
    }

    /** The bound address (only while enabled). */
    public InetSocketAddress listenAddress() {
        return listener.boundAddress();
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
        listener.enable();
    }

    /**
     * Stops listening and closes every connection on both sides (Toxiproxy's {@code enabled: false}): a loud
     * failure, as when a service goes down, not a silent one.
     */
    public void disable() {
        listener.disable();
    }

    /**
     * Applies a Toxiproxy proxy update: a new listen or upstream address restarts the proxy (dropping its
     * connections), then {@code enabled} starts or stops it. On a failed start the proxy stays disabled.
     */
    public void update(String newListen, String newUpstream, boolean newEnabled) {
        listener.update(newListen, newUpstream, newEnabled);
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
            listener.checkOpen();
            return toxics.add(spec);
        }
    }

    /**
     * Replaces a toxic's attributes and toxicity (its name, type and stream stay).
     *
     * @throws ToxiproxyException (404) when there is no such toxic
     */
    public ToxicSpec updateToxic(String toxicName, Toxic toxic, float toxicity) {
        return toxics.update(toxicName, toxic, toxicity);
    }

    /**
     * Removes a toxic: what it holds is delivered at once; removing a {@code timeout} toxic closes its connections.
     *
     * @throws ToxiproxyException (404) when there is no such toxic
     */
    public void removeToxic(String toxicName) {
        toxics.remove(toxicName);
    }

    /** Removes every toxic. */
    public void resetToxics() {
        toxics.removeAll();
    }

    public Optional<ToxicSpec> toxic(String toxicName) {
        return toxics.find(toxicName);
    }

    /** Every toxic, upstream ones first, each stream in the order added — the order Toxiproxy lists them in. */
    public List<ToxicSpec> toxics() {
        return toxics.ordered();
    }

    /* ------------------------------------------------------------------ heartbeat faults */

    /**
     * Silently drops every byte (and every close) flowing in {@code direction}; both sockets stay open, as on a
     * half-open link. Switching it off relays the closes it swallowed, so a side that went away meanwhile is seen
     * to be gone.
     */
    public void blackhole(Direction direction, boolean on) {
        faults.blackhole(direction, on);
    }

    public boolean isDropping(Direction direction) {
        return faults.dropping(direction);
    }

    /**
     * Makes the proxy behave as a NAT that forgets mappings idle for {@code timeout}: once a connection has been
     * silent in both directions that long, its later bytes and closes vanish silently and for good (the tap shows
     * {@code nat-expired}), while new connections work. {@link Duration#ZERO} turns it off; connections already
     * forgotten stay forgotten.
     */
    public void natIdle(Duration timeout) {
        faults.natIdle(timeout);
    }

    /**
     * Closes both sides of a connection once it has been silent in both directions for {@code timeout}, as
     * nginx ({@code proxy_read_timeout}) and HAProxy ({@code timeout tunnel}) do. {@link Duration#ZERO} turns it off.
     */
    public void idleClose(Duration timeout) {
        faults.idleClose(timeout);
    }

    /**
     * Resets every open connection now — an RST to the client and to the server, as when a NAT box or load
     * balancer in the path reboots mid-session. New connections work as before.
     */
    public void resetConnections() {
        synchronized (lock) {
            connections.resetAll("reset");
        }
    }

    /** The heartbeat faults currently set. */
    public ProxyFaults faults() {
        return faults.current();
    }

    /** Sets every heartbeat fault at once. */
    public void faults(ProxyFaults wanted) {
        faults.set(wanted);
    }

    /** Turns every heartbeat fault off. */
    public void clearFaults() {
        faults(ProxyFaults.NONE);
    }

    /**
     * Returns once the proxy's event loop has polled its sockets after this call: every FIN, RST or byte that had
     * reached them is handled and stamped on the tap. A harness that may have stood still — its JVM paused, so the
     * loop resumes with a backlog — calls it before marking an instant the tap's stamps are judged against, such as
     * a fault's end. False when the loop did not get that far within {@code max}.
     */
    public boolean catchUp(Duration max) {
        return loop.caughtUp(max);
    }

    /** Disables the proxy for good and releases its threads. */
    @Override
    public void close() {
        if (listener.closeForGood()) {
            loop.release();
        }
    }

    @Override
    public String toString() {
        return "proxy " + name + " " + listen() + " -> " + upstream();
    }
}
