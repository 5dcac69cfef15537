package io.heartbeatharness.reference;

import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.reference.common.RunningImplementation;
import io.heartbeatharness.reference.common.ServerConfig;
import io.heartbeatharness.budget.HeartbeatModel;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.protocol.Protocol;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.reference.idle.IdleClient;
import io.heartbeatharness.reference.idle.IdleServer;
import io.heartbeatharness.reference.line.LineClient;
import io.heartbeatharness.reference.line.LineServer;
import io.heartbeatharness.reference.mqtt.MqttBroker;
import io.heartbeatharness.reference.mqtt.MqttClient;
import io.heartbeatharness.reference.socketio.SocketIoClient;
import io.heartbeatharness.reference.socketio.SocketIoServer;
import io.heartbeatharness.reference.tcpkeepalive.TcpKeepaliveClient;
import io.heartbeatharness.reference.tcpkeepalive.TcpKeepaliveServer;
import io.heartbeatharness.reference.wscontrol.WsControlClient;
import io.heartbeatharness.reference.wscontrol.WsControlServer;
import io.heartbeatharness.reference.wsjson.WsJsonClient;
import io.heartbeatharness.reference.wsjson.WsJsonServer;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;

import static io.heartbeatharness.reference.common.KnownBad.HASTY_TIMEOUT;
import static io.heartbeatharness.reference.common.KnownBad.NEVER_CLOSE;
import static io.heartbeatharness.reference.common.KnownBad.NEVER_PING;
import static io.heartbeatharness.reference.common.KnownBad.NO_JITTER;
import static io.heartbeatharness.reference.common.KnownBad.NO_RECONNECT_AFTER_PING_TIMEOUT;
import static io.heartbeatharness.reference.common.KnownBad.RECONNECT_ONLY_FROM_IDLE_EVENT;
import static io.heartbeatharness.reference.common.KnownBad.SWEEP_EQUALS_INTERVAL;

/** The reference heartbeat designs, each with a server, a client, its declared parameters and the flaws it can adopt. */
public enum Design {
    /** Server-driven JSON ping/pong over WebSocket, close 4000 "heartbeat timeout" (seed 000). */
    WS_JSON(Protocol.WS_JSON, DeclaredParams.WS_JSON, EnumSet.of(NEVER_CLOSE, HASTY_TIMEOUT), EnumSet.of(NEVER_PING, NO_JITTER),
            WsJsonServer::start, WsJsonClient::start),
    /** Server-driven RFC 6455 Ping/Pong control frames, close 1001. */
    WS_CONTROL(Protocol.WS_CONTROL, DeclaredParams.WS_CONTROL, EnumSet.of(NEVER_CLOSE), EnumSet.of(NEVER_PING, NO_JITTER),
            WsControlServer::start, WsControlClient::start),
    /**
     * Socket.IO over Engine.IO 4, WebSocket transport: the server sends a ping packet ({@code 2}) every pingInterval
     * and closes a client whose pong ({@code 3}) is not back within pingTimeout.
     */
    SOCKET_IO(Protocol.SOCKET_IO, DeclaredParams.SOCKET_IO, EnumSet.of(NEVER_CLOSE),
            EnumSet.of(NEVER_PING, NO_JITTER, NO_RECONNECT_AFTER_PING_TIMEOUT), SocketIoServer::start, SocketIoClient::start),
    /**
     * MQTT 3.1.1 keep alive: the client sends PINGREQ when it has sent nothing for Keep Alive K; the broker
     * disconnects a client it has heard nothing from for 1.5 × K.
     */
    MQTT(Protocol.MQTT, DeclaredParams.MQTT, EnumSet.of(NEVER_CLOSE),
            EnumSet.of(NEVER_PING, NO_JITTER), MqttBroker::start, MqttClient::start),
    /**
     * MQTT 5 keep alive: as 3.1.1, except that the broker may answer CONNECT's Keep Alive with a Server Keep Alive of
     * its own in CONNACK, which the client must then keep. The broker speaks whichever version the client opens with.
     */
    MQTT5(Protocol.MQTT5, DeclaredParams.MQTT, EnumSet.of(NEVER_CLOSE),
            EnumSet.of(NEVER_PING, NO_JITTER), MqttBroker::start, MqttClient::startMqtt5),
    /** Client-driven {@code ping}/{@code pong} lines; the server sweeps every P (seed 001, Workerman). */
    LINE(Protocol.LINE, DeclaredParams.LINE, EnumSet.of(NEVER_CLOSE, SWEEP_EQUALS_INTERVAL), EnumSet.of(NEVER_PING, NO_JITTER),
            LineServer::start, LineClient::start),
    /** Netty's IdleStateHandler on both sides over the line wire format (seed 004). */
    IDLE(Protocol.IDLE, DeclaredParams.IDLE, EnumSet.of(NEVER_CLOSE),
            EnumSet.of(NEVER_PING, NO_JITTER, RECONNECT_ONLY_FROM_IDLE_EVENT), IdleServer::start, IdleClient::start),
    /** No application heartbeat: SO_KEEPALIVE with KEEPIDLE/KEEPINTVL/KEEPCNT on both ends (seeds 002, 003). */
    TCP_KEEPALIVE(Protocol.TCP_KEEPALIVE, DeclaredParams.TCP_KEEPALIVE, EnumSet.of(NEVER_CLOSE), EnumSet.of(NEVER_PING, NO_JITTER),
            TcpKeepaliveServer::start, TcpKeepaliveClient::start);

    private final Protocol protocol;
    private final HeartbeatParams declared;
    private final Set<KnownBad> serverFlaws;
    private final Set<KnownBad> clientFlaws;
    private final BiFunction<ServerConfig, EventLog, RunningImplementation> server;
    private final BiFunction<ClientConfig, EventLog, RunningImplementation> client;

    Design(Protocol protocol, HeartbeatParams declared, Set<KnownBad> serverFlaws, Set<KnownBad> clientFlaws,
           BiFunction<ServerConfig, EventLog, RunningImplementation> server,
           BiFunction<ClientConfig, EventLog, RunningImplementation> client) {
        this.protocol = protocol;
        this.declared = declared;
        this.serverFlaws = Set.copyOf(serverFlaws);
        this.clientFlaws = Set.copyOf(clientFlaws);
        this.server = server;
        this.client = client;
    }

    public String id() {
        return protocol.id();
    }

    /** The protocol this design speaks, whose capabilities it has. */
    public Protocol protocol() {
        return protocol;
    }

    /** The parameters this design declares, in real-world units (see {@link DeclaredParams}). */
    public HeartbeatParams declared() {
        return declared;
    }

    /** How this design heartbeats: who pings, what it counts as alive, when it checks. */
    public HeartbeatModel model() {
        return protocol.model();
    }

    /**
     * Fails, naming the field, when this design cannot play its side of a pairing where {@code pings} send pings: the
     * WebSocket designs ping from either side or both; the line-based ones only ever ping from the client.
     */
    public void checkPings(HeartbeatModel.Pingers pings) {
        if (!protocol.allowsPings(pings)) {
            throw new IllegalArgumentException("pings: a " + id() + " pairing has pings from "
                    + HeartbeatModel.word(model().pings()) + " only, got '" + HeartbeatModel.word(pings) + "'");
        }
    }

    /** The known-bad behaviours a server ({@code true}) or client of this design can be told to adopt. */
    public Set<KnownBad> flaws(Side role) {
        return role == Side.SERVER ? serverFlaws : clientFlaws;
    }

    /** Fails, naming the flaw, when it means nothing for this design in that role. */
    public void checkFlaws(Side role, Set<KnownBad> flaws) {
        for (KnownBad flaw : flaws) {
            if (!flaws(role).contains(flaw)) {
                throw new IllegalArgumentException("flaw: '" + flaw.flag() + "' does not apply to a " + id() + " "
                        + role.wireName() + "; it can adopt "
                        + flaws(role).stream().map(KnownBad::flag).sorted().toList());
            }
        }
    }

    public RunningImplementation startServer(ServerConfig config, EventLog log) {
        checkFlaws(Side.SERVER, config.flaws());
        return server.apply(config, log);
    }

    public RunningImplementation startClient(ClientConfig config, EventLog log) {
        checkFlaws(Side.CLIENT, config.flaws());
        return client.apply(config, log);
    }

    /** The design that speaks {@code protocol}: every protocol has one. */
    public static Design of(Protocol protocol) {
        for (Design design : values()) {
            if (design.protocol == protocol) {
                return design;
            }
        }
        throw new IllegalArgumentException("design: none speaks " + protocol.id());
    }

    public static Design parse(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        for (Design design : values()) {
            if (design.id().equals(wanted)) {
                return design;
            }
        }
        throw new IllegalArgumentException("design: unknown '" + id + "', expected one of "
                + Arrays.stream(values()).map(Design::id).toList());
    }
}
