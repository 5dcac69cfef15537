package io.heartbeatharness.reference.mqtt;

import io.heartbeatharness.reference.common.EventLog;
import io.heartbeatharness.reference.common.KnownBad;
import io.heartbeatharness.reference.common.ServerConfig;
import io.heartbeatharness.reference.internal.Deadline;
import io.heartbeatharness.timeline.PeerEvents;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.codec.mqtt.MqttVersion;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * One broker connection: CONNECT is answered with CONNACK, PINGREQ with PINGRESP, SUBSCRIBE with SUBACK; a PUBLISH
 * is acknowledged as its QoS asks and delivered nowhere. Every packet, not only PINGREQ, counts as life and pushes the
 * deadline of I + T (1.5 × Keep Alive) back; when it runs out the client is declared dead and the connection closed.
 * MQTT 3.1.1 has no way to tell the client why: the broker just closes the socket. An MQTT 5 client that asks for
 * another Keep Alive than K = I is answered with Server Keep Alive K, which it must keep instead.
 */
public final class MqttBrokerHandler extends SimpleChannelInboundHandler<MqttMessage> {
    private final ServerConfig config;
    private final EventLog log;
    private final Duration limit;
    private Deadline silence;
    private int remotePort;
    private boolean connectSeen;
    private boolean connected;
    private boolean declaredDead;
    private String closeBy = "peer";

    public MqttBrokerHandler(ServerConfig config, EventLog log) {
        this.config = config;
        this.log = log;
        this.limit = MqttBroker.limit(config.heartbeat());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        remotePort = ctx.channel().remoteAddress() instanceof InetSocketAddress address ? address.getPort() : 0;
        // Armed before CONNECT too: a connection that never says who it is must not be held for ever (§3.1.4).
        silence = new Deadline(ctx.executor(), limit, () -> silent(ctx));
        silence.arm();
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, MqttMessage message) {
        if (silence != null) {
            silence.arm();
        }
        if (message.decoderResult().isFailure()) {
            refuse(ctx, message.decoderResult().cause());
            return;
        }
        MqttMessageType type = message.fixedHeader().messageType();
        if (!connectSeen && type != MqttMessageType.CONNECT || connectSeen && type == MqttMessageType.CONNECT) {
            // The first packet must be CONNECT and only the first (§3.1.0): anything else is a protocol violation.
            protocolViolation(ctx);
            return;
        }
        switch (type) {
            case CONNECT -> accept(ctx, (MqttConnectMessage) message);
            case PINGREQ -> {
                log.emit(PeerEvents.PING_RECEIVED, "remote_port", remotePort);
                ctx.writeAndFlush(MqttMessage.PINGRESP);
                log.emit(PeerEvents.PONG_SENT, "remote_port", remotePort);
            }
            case SUBSCRIBE -> subAck(ctx, (MqttSubscribeMessage) message);
            case UNSUBSCRIBE -> ctx.writeAndFlush(MqttPackets.reply(MqttMessageType.UNSUBACK,
                    ((MqttUnsubscribeMessage) message).variableHeader().messageId()));
            case PUBLISH -> acknowledge(ctx, (MqttPublishMessage) message);
            case PUBREL -> ctx.writeAndFlush(MqttPackets.reply(MqttMessageType.PUBCOMP, packetId(message)));
            case DISCONNECT -> {
                closeBy = "peer";
                ctx.close();
            }
            default -> {
                // PUBACK and the like answer publishes this broker never sends; they still counted as life above.
            }
        }
    }

    private void accept(ChannelHandlerContext ctx, MqttConnectMessage connect) {
        connectSeen = true;
        String clientId = connect.payload().clientIdentifier();
        int keepAlive = connect.variableHeader().keepAliveTimeSeconds();
        // An MQTT 5 client that asks for another Keep Alive is told the broker's own: the one its limit is made of.
        int own = MqttPackets.keepAliveSeconds(config.heartbeat().interval());
        boolean overrides = connect.variableHeader().version() == MqttVersion.MQTT_5.protocolLevel() && keepAlive != own;
        MqttConnAckMessage connAck = overrides ? MqttPackets.acceptWithServerKeepAlive(own)
                : MqttPackets.connAck(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        ctx.writeAndFlush(connAck).addListener(f -> {
            // Only once CONNACK is out has the connection been set up both ways, as a WebSocket's handshake.
            if (f.isSuccess() && ctx.channel().isActive()) {
                connected = true;
                log.emit(PeerEvents.CONNECTED, "remote_port", remotePort, "client_id", clientId, "keep_alive_s", keepAlive,
                        "server_keep_alive_s", overrides ? own : keepAlive);
            }
        });
    }

    private static void subAck(ChannelHandlerContext ctx, MqttSubscribeMessage subscribe) {
        // QoS 0 granted for every filter: a broker may grant less than asked (§3.9.3), and this one stores nothing.
        MqttMessageBuilders.SubAckBuilder ack = MqttMessageBuilders.subAck().packetId(subscribe.variableHeader().messageId());
        subscribe.payload().topicSubscriptions().forEach(s -> ack.addGrantedQos(MqttQoS.AT_MOST_ONCE));
        ctx.writeAndFlush(ack.build());
    }

    private static void acknowledge(ChannelHandlerContext ctx, MqttPublishMessage publish) {
        int packetId = publish.variableHeader().packetId();
        switch (publish.fixedHeader().qosLevel()) {
            case AT_LEAST_ONCE -> ctx.writeAndFlush(MqttPackets.reply(MqttMessageType.PUBACK, packetId));
            case EXACTLY_ONCE -> ctx.writeAndFlush(MqttPackets.reply(MqttMessageType.PUBREC, packetId));
            default -> {
                // QoS 0 wants no answer.
            }
        }
    }

    private static int packetId(MqttMessage message) {
        return message.variableHeader() instanceof MqttMessageIdVariableHeader id
                ? id.messageId() : 0;
    }

    /** A CONNECT the decoder rejected gets the refusal 3.1.1 has for it (§3.2.2.3); any other bad packet, a close. */
    private void refuse(ChannelHandlerContext ctx, Throwable cause) {
        MqttConnectReturnCode code = cause instanceof MqttUnacceptableProtocolVersionException
                ? MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION
                : cause instanceof MqttIdentifierRejectedException ? MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED
                : null;
        if (code != null && !connectSeen) {
            closeBy = "self";
            ctx.writeAndFlush(MqttPackets.connAck(code)).addListener(ChannelFutureListener.CLOSE);
        } else {
            protocolViolation(ctx);
        }
    }

    private void protocolViolation(ChannelHandlerContext ctx) {
        closeBy = "self";
        ctx.close();
    }

    private void silent(ChannelHandlerContext ctx) {
        if (declaredDead || !ctx.channel().isActive()) {
            return;
        }
        if (!connected) {
            // Never connected: no client to declare dead, only a socket to let go of.
            closeBy = "self";
            ctx.close();
            return;
        }
        declaredDead = true;
        log.emit(PeerEvents.PEER_DEAD, "remote_port", remotePort, "reason", "no packet within 1.5 x keep alive",
                "limit_ms", limit.toMillis());
        if (config.has(KnownBad.NEVER_CLOSE)) {
            return;
        }
        closeBy = "self";
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (silence != null) {
            silence.cancel();
        }
        if (connected) {
            log.emit(PeerEvents.CLOSED, "remote_port", remotePort, "by", closeBy);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
