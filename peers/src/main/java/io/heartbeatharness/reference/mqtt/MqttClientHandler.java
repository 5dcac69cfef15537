package io.heartbeatharness.reference.mqtt;

import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.reference.common.ClientConfig;
import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.reference.internal.ClientSlot;
import io.heartbeatharness.reference.internal.Deadline;
import io.heartbeatharness.reference.internal.PingSchedule;
import io.heartbeatharness.timeline.PeerEvents;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttVersion;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Client-driven MQTT keep alive: CONNECT on connecting, and once the broker's CONNACK accepts it, PINGREQ every I; a
 * PINGREQ whose PINGRESP is not back within T means the broker is dead. The connection is reported lost from that
 * timeout, from a CONNACK that refuses or never comes, and from {@code channelInactive}. Under MQTT 5 a Server Keep
 * Alive in CONNACK replaces I.
 */
public final class MqttClientHandler extends SimpleChannelInboundHandler<MqttMessage> {
    private final HeartbeatParams heartbeat;
    private final ClientConfig config;
    private final EventLog log;
    private final ClientSlot.Attempt attempt;
    private final Duration connAckTimeout;
    private final MqttVersion version;
    private final AtomicReference<Duration> serverKeepAlive;
    private Deadline connAck;
    private PingSchedule pings;
    private String clientId;
    private int keepAlive;
    private int localPort;
    private boolean accepted;
    private String closeBy = "peer";

    /**
     * @param connAckTimeout how long a CONNECT may wait for its CONNACK before the connection is given up
     * @param version        3.1.1, or 5: then a Server Keep Alive in CONNACK sets the ping interval instead of K
     * @param serverKeepAlive where the Server Keep Alive a CONNACK carried is kept for the connections that follow
     */
    public MqttClientHandler(ClientConfig config, EventLog log, ClientSlot.Attempt attempt, Duration connAckTimeout,
                             MqttVersion version, AtomicReference<Duration> serverKeepAlive) {
        this.config = config;
        this.version = version;
        this.serverKeepAlive = serverKeepAlive;
        this.heartbeat = config.heartbeat();
        this.log = log;
        this.attempt = attempt;
        this.connAckTimeout = connAckTimeout;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        localPort = ctx.channel().localAddress() instanceof InetSocketAddress address ? address.getPort() : 0;
        clientId = MqttPackets.clientId(attempt.slot());
        keepAlive = MqttPackets.keepAliveSeconds(heartbeat.interval());
        connAck = new Deadline(ctx.executor(), connAckTimeout, () -> giveUp(ctx, "no CONNACK within interval + timeout"));
        connAck.arm();
        ctx.writeAndFlush(MqttPackets.connect(version, clientId, keepAlive));
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, MqttMessage message) {
        if (message.decoderResult().isFailure()) {
            // The decoder discards everything after a bad packet: this connection can carry nothing more.
            if (accepted) {
                closeBy = "self";
                ctx.close();
            } else {
                giveUp(ctx, "malformed packet: " + message.decoderResult().cause().getMessage());
            }
            return;
        }
        MqttMessageType type = message.fixedHeader().messageType();
        if (type == MqttMessageType.CONNACK && !accepted) {
            connAck.cancel();
            MqttConnectReturnCode code = ((MqttConnAckMessage) message).variableHeader().connectReturnCode();
            if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                giveUp(ctx, "CONNACK refused: " + code);
                return;
            }
            accepted = true;
            // MQTT 5: the broker's Server Keep Alive replaces the client's own (§3.2.2.3.14).
            int inForce = MqttPackets.serverKeepAlive((MqttConnAckMessage) message).orElse(keepAlive);
            Duration interval = inForce == keepAlive ? heartbeat.interval() : Duration.ofSeconds(inForce);
            serverKeepAlive.set(inForce == keepAlive ? null : interval);
            attempt.connected(ctx.channel(), "client_id", clientId, "keep_alive_s", keepAlive,
                    "server_keep_alive_s", inForce);
            attempt.healthy();
            if (!config.has(KnownBad.NEVER_PING)) {
                pings = new PingSchedule(ctx.executor(), interval, heartbeat.timeout(),
                        () -> ping(ctx), () -> missedPong(ctx));
                pings.start(interval);
            }
        } else if (type == MqttMessageType.PINGRESP && accepted) {
            if (pings != null) {
                pings.pongReceived();
            }
            log.emit(PeerEvents.PONG_RECEIVED, "slot", attempt.slot(), "local_port", localPort);
        }
    }

    private void ping(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(MqttMessage.PINGREQ);
        log.emit(PeerEvents.PING_SENT, "slot", attempt.slot(), "local_port", localPort);
    }

    private void missedPong(ChannelHandlerContext ctx) {
        if ("self".equals(closeBy) || !ctx.channel().isActive()) {
            return;
        }
        pings.stop();
        log.emit(PeerEvents.PEER_DEAD, "slot", attempt.slot(), "local_port", localPort, "reason", "no PINGRESP within timeout",
                "timeout_ms", heartbeat.timeout().toMillis());
        closeBy = "self";
        attempt.lost("pong timeout");
        ctx.close();
    }

    /** The connection was never set up: said once, as a failed connect, and closed. */
    private void giveUp(ChannelHandlerContext ctx, String cause) {
        if ("self".equals(closeBy) || !ctx.channel().isActive()) {
            return;
        }
        log.emit(PeerEvents.CONNECT_FAILED, "slot", attempt.slot(), "local_port", localPort, "cause", cause);
        closeBy = "self";
        attempt.lost(cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (connAck != null) {
            connAck.cancel();
        }
        if (pings != null) {
            pings.stop();
        }
        log.emit(PeerEvents.CLOSED, "slot", attempt.slot(), "local_port", localPort, "by", closeBy,
                "handshake_done", accepted);
        attempt.lost("channel inactive");
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
