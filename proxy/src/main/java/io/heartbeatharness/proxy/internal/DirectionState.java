package io.heartbeatharness.proxy.internal;

import io.heartbeatharness.timeline.Direction;
import io.heartbeatharness.timeline.TapEvents;
import io.netty.buffer.ByteBuf;

/**
 * One direction of a connection: taps the bytes its sender sends, and holds the sender's close while a heartbeat
 * fault swallows this direction, so it can be relayed once the fault heals. Touched only on the event loop.
 */
final class DirectionState {
    private final Direction direction;
    private final WebSocketFrameSniffer sniffer;
    private boolean closeHeld;

    DirectionState(Direction direction) {
        this.direction = direction;
        this.sniffer = new WebSocketFrameSniffer(direction == Direction.UPSTREAM);
    }

    /** Taps a chunk the sender sent, and the WebSocket Close frame it completes, if any. */
    void tap(Tap tap, String conn, ByteBuf data, boolean dropped) {
        tap.recordBytes(conn, direction.wireName(), data.readableBytes(), dropped);
        if (sniffer.off()) {
            return;
        }
        // Only Close frames are recorded: a judge reads them, while pings and pongs already show as bytes and would
        // grow every timeline by an event per heartbeat.
        sniffer.read(data, (frame, code) -> {
            if ("close".equals(frame)) {
                tap.record(conn, TapEvents.WS_FRAME, "side", direction.sender().wireName(),
                        "direction", direction.wireName(), "frame", frame, "code", code < 0 ? null : code,
                        "dropped", dropped);
            }
        });
    }

    /** The sender closed while a fault swallows this direction: its close waits here. */
    void holdClose() {
        closeHeld = true;
    }

    boolean closeHeld() {
        return closeHeld;
    }

    /** The held close is being relayed now. */
    void releaseClose() {
        closeHeld = false;
    }
}
