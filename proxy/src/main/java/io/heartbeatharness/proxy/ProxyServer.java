package io.heartbeatharness.proxy;

import io.heartbeatharness.proxy.control.TapLog;
import io.heartbeatharness.proxy.control.ToxiproxyException;
import io.heartbeatharness.proxy.internal.HostPort;
import io.heartbeatharness.proxy.internal.Transports;
import io.heartbeatharness.timeline.Timeline;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A set of {@link EmbeddedProxy proxies} behind Toxiproxy 2.12's HTTP API ({@code /version}, {@code /reset},
 * {@code /populate}, {@code /proxies/…}) — the same methods, status codes, JSON and error messages — so
 * toxiproxy-java, toxiproxy-cli and existing Toxiproxy scripts drive it unchanged.
 *
 * <p>Extensions outside what Toxiproxy clients read: {@code /proxies/{name}/faults[/{fault}]} for the heartbeat
 * faults and {@code GET /proxies/{name}/events?since=N} for the tap (see docs/embedded-proxy.md).
 *
 * <pre>
 *   HTTP client --&gt; API (own event loop) --&gt; ProxyServer --&gt; EmbeddedProxy ... (shared proxy event loop)
 * </pre>
 */
public final class ProxyServer implements AutoCloseable {
    /** The Toxiproxy release whose API this server speaks, reported by {@code GET /version}. */
    public static final String TOXIPROXY_VERSION = "2.12.0";

    /**
     * How the server is set up.
     *
     * @param host         the API's listen host (Toxiproxy's default is localhost)
     * @param port         the API's port, 0 for any (Toxiproxy's default is 8474)
     * @param timeline     where every proxy's tap also writes, or {@code null}
     * @param tapCapacity  recent tap events each proxy keeps for the events endpoint
     * @param proxyThreads event loop threads shared by all proxies
     */
    public record Options(String host, int port, Timeline timeline, int tapCapacity, int proxyThreads) {
        public static final Options DEFAULT = new Options("127.0.0.1", 8474, null, TapLog.DEFAULT_CAPACITY, 1);

        public Options {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: must be 0 to 65535, got " + port);
            }
            if (tapCapacity < 0) {
                throw new IllegalArgumentException("tapCapacity: must not be negative, got " + tapCapacity);
            }
            if (proxyThreads < 1) {
                throw new IllegalArgumentException("proxyThreads: must be at least 1, got " + proxyThreads);
            }
        }

        public Options withHost(String newHost) {
            return new Options(newHost, port, timeline, tapCapacity, proxyThreads);
        }

        public Options withPort(int newPort) {
            return new Options(host, newPort, timeline, tapCapacity, proxyThreads);
        }

        public Options withTimeline(Timeline newTimeline) {
            return new Options(host, port, newTimeline, tapCapacity, proxyThreads);
        }

        public Options withTapCapacity(int capacity) {
            return new Options(host, port, timeline, capacity, proxyThreads);
        }

        public Options withProxyThreads(int threads) {
            return new Options(host, port, timeline, tapCapacity, threads);
        }
    }

    /** One entry of a {@code /populate} request; {@code enabled} defaults to true. */
    public record ProxyDefinition(String name, String listen, String upstream, Boolean enabled) {
    }

    /** What {@code /populate} did: the proxies it applied, and the error that stopped it, if any. */
    public record PopulateResult(List<EmbeddedProxy> proxies, ToxiproxyException error) {
    }

    private final Options options;
    private final EventLoopGroup proxyGroup;
    private final EventLoopGroup apiGroup;
    private final Channel api;
    private final Object lock = new Object();
    private final SortedMap<String, EmbeddedProxy> proxies = new TreeMap<>();

    private ProxyServer(Options options) {
        this.options = options;
        this.proxyGroup = Transports.newGroup(options.proxyThreads(), "proxy");
        this.apiGroup = Transports.newGroup(1, "proxy-api");
        try {
            this.api = new ServerBootstrap()
                    .group(apiGroup)
                    .channel(Transports.serverChannel())
                    .childHandler(new ApiInitializer(this))
                    .bind(HostPort.listenAddress(options.host() + ":" + options.port()))
                    .syncUninterruptibly().channel();
        } catch (Exception e) { // bind failures are checked exceptions thrown undeclared by sync()
            shutdownGroups();
            throw new IllegalStateException("proxy API: cannot listen on " + options.host() + ":" + options.port()
                    + ": " + HostPort.goError(e), e);
        }
    }

    /** Starts the API on {@code options.host():options.port()}. */
    public static ProxyServer start(Options options) {
        return new ProxyServer(options);
    }

    /** Starts the API on {@code host:port} (port 0 for any) with default options. */
    public static ProxyServer start(String host, int port) {
        return start(Options.DEFAULT.withHost(host).withPort(port));
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) api.localAddress();
    }

    public int port() {
        return address().getPort();
    }

    /** The API's base URL, e.g. {@code http://127.0.0.1:8474}. */
    public String url() {
        return "http://" + HostPort.format(address());
    }

    /* ------------------------------------------------------------------ the collection */

    /** Every proxy, sorted by name. */
    public SortedMap<String, EmbeddedProxy> proxies() {
        synchronized (lock) {
            return Collections.unmodifiableSortedMap(new TreeMap<>(proxies));
        }
    }

    public Optional<EmbeddedProxy> findProxy(String name) {
        synchronized (lock) {
            return Optional.ofNullable(proxies.get(name));
        }
    }

    /** @throws ToxiproxyException (404) when there is none */
    public EmbeddedProxy proxy(String name) {
        return findProxy(name).orElseThrow(ToxiproxyException::proxyNotFound);
    }

    /**
     * Creates a proxy and, when {@code enabled}, starts it.
     *
     * @throws ToxiproxyException 409 when the name is taken, 500 when it cannot listen (nothing is created then)
     */
    public EmbeddedProxy createProxy(String name, String listen, String upstream, boolean enabled) {
        synchronized (lock) {
            if (proxies.containsKey(name)) {
                throw ToxiproxyException.proxyExists();
            }
            EmbeddedProxy proxy = newProxy(name, listen, upstream, enabled);
            proxies.put(name, proxy);
            return proxy;
        }
    }

    private EmbeddedProxy newProxy(String name, String listen, String upstream, boolean enabled) {
        EmbeddedProxy.Options proxyOptions = new EmbeddedProxy.Options(options.timeline(), options.tapCapacity());
        EmbeddedProxy proxy = new EmbeddedProxy(name, listen, upstream, proxyOptions, proxyGroup);
        if (enabled) {
            try {
                proxy.enable();
            } catch (RuntimeException e) {
                proxy.close();
                throw e;
            }
        }
        return proxy;
    }

    /** Applies a Toxiproxy proxy update (see {@link EmbeddedProxy#update}). */
    public EmbeddedProxy updateProxy(String name, String listen, String upstream, boolean enabled) {
        synchronized (lock) {
            EmbeddedProxy proxy = proxy(name);
            proxy.update(listen, upstream, enabled);
            return proxy;
        }
    }

    /** Stops a proxy, closing its connections, and forgets it. @throws ToxiproxyException (404) */
    public void deleteProxy(String name) {
        synchronized (lock) {
            EmbeddedProxy proxy = proxies.remove(name);
            if (proxy == null) {
                throw ToxiproxyException.proxyNotFound();
            }
            proxy.close();
        }
    }

    /**
     * Creates or replaces several proxies at once: the request is checked whole first (names and upstreams
     * present, no name twice), then applied in order; a proxy with the same listen and upstream is kept as it is.
     */
    public PopulateResult populate(List<ProxyDefinition> definitions) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < definitions.size(); i++) {
            ProxyDefinition definition = definitions.get(i);
            if (definition.name() == null || definition.name().isEmpty()) {
                return new PopulateResult(null, ToxiproxyException.missingField("name at proxy " + (i + 1)));
            }
            if (definition.upstream() == null || definition.upstream().isEmpty()) {
                return new PopulateResult(null, ToxiproxyException.missingField("upstream at proxy " + (i + 1)));
            }
            if (!names.add(definition.name())) {
                // A client error, so a 4xx: the request contradicts itself before anything is applied.
                return new PopulateResult(null, new ToxiproxyException(409, "duplicate proxy name \""
                        + definition.name() + "\""));
            }
        }
        List<EmbeddedProxy> applied = new ArrayList<>();
        synchronized (lock) {
            for (ProxyDefinition definition : definitions) {
                boolean enabled = definition.enabled() == null || definition.enabled();
                String listen = definition.listen() == null ? "" : definition.listen();
                EmbeddedProxy existing = proxies.get(definition.name());
                if (existing != null && existing.listen().equals(listen)
                        && existing.upstream().equals(definition.upstream())) {
                    applied.add(existing);
                    continue;
                }
                if (existing != null) {
                    proxies.remove(definition.name());
                    existing.close();
                }
                try {
                    EmbeddedProxy proxy = newProxy(definition.name(), listen, definition.upstream(), enabled);
                    proxies.put(definition.name(), proxy);
                    applied.add(proxy);
                } catch (ToxiproxyException e) {
                    return new PopulateResult(applied, e);
                }
            }
        }
        return new PopulateResult(applied, null);
    }

    /**
     * Toxiproxy's reset: enables every proxy and removes every toxic; here it also turns the heartbeat faults off.
     *
     * @throws ToxiproxyException (500) when a proxy cannot listen again
     */
    public void reset() {
        synchronized (lock) {
            for (EmbeddedProxy proxy : proxies.values()) {
                proxy.enable();
                proxy.resetToxics();
                proxy.clearFaults();
            }
        }
    }

    /** Closes every proxy and the API. */
    @Override
    public void close() {
        synchronized (lock) {
            for (EmbeddedProxy proxy : proxies.values()) {
                proxy.close();
            }
            proxies.clear();
        }
        api.close().syncUninterruptibly();
        shutdownGroups();
    }

    private void shutdownGroups() {
        apiGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        proxyGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
