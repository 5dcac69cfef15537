package io.heartbeatharness.spec;

import io.heartbeatharness.budget.HeartbeatModel;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.protocol.Protocol;
import io.heartbeatharness.timeline.Side;

import java.time.Duration;

/**
 * The heartbeat a spec declares — its parameters, MQTT 5's Server Keep Alive and the heartbeat model — checked
 * against the target's role and protocol.
 */
final class HeartbeatFields {
    private final SpecFile raw;
    private final SpecFields fields;

    HeartbeatFields(SpecFile raw, SpecFields fields) {
        this.raw = raw;
        this.fields = fields;
    }

    /**
     * What the target is judged by.
     *
     * @param params          the parameters, the interval being the one both sides keep
     * @param clientKeepAlive the Keep Alive an MQTT 5 client asks for when the broker answers with another, else null
     * @param model           who pings, what counts as alive, how the target detects
     */
    record Declared(HeartbeatParams params, Duration clientKeepAlive, HeartbeatModel model) {
    }

    Declared declared(Side role, Protocol protocol) {
        HeartbeatParams params = params(role, protocol);
        Duration serverKeepAlive = serverKeepAlive(protocol);
        Duration clientKeepAlive = null;
        if (serverKeepAlive != null) {
            // The broker's answer is the Keep Alive both sides keep: the budget is made of it.
            clientKeepAlive = params.interval();
            params = params.withInterval(serverKeepAlive);
        }
        return new Declared(params, clientKeepAlive, model(protocol, params));
    }

    private HeartbeatParams params(Side role, Protocol protocol) {
        Duration interval = fields.duration("interval", fields.required("interval", raw.interval()));
        if (interval.isZero() && protocol.mqttKeepAlive()) {
            throw fields.problem("interval", "0 is MQTT's \"no keep alive\": the client sends no PINGREQ and the broker "
                    + "never times it out, so no heartbeat scenario applies; declare the Keep Alive the client really uses");
        }
        Duration timeout = fields.duration("timeout", fields.required("timeout", raw.timeout()));
        Duration sweep = fields.optionalDuration("sweep_period", raw.sweepPeriod(), Duration.ZERO);
        // A client's reconnect budget depends on its backoff; a server's only sets its peer client's pace.
        Duration initial = role == Side.CLIENT
                ? fields.duration("backoff_initial", fields.required("backoff_initial", raw.backoffInitial()))
                : fields.optionalDuration("backoff_initial", raw.backoffInitial(), TargetSpecs.PEER_BACKOFF_INITIAL);
        Duration max = role == Side.CLIENT
                ? fields.duration("backoff_max", fields.required("backoff_max", raw.backoffMax()))
                : fields.optionalDuration("backoff_max", raw.backoffMax(), TargetSpecs.PEER_BACKOFF_MAX);
        boolean jitter = raw.jitter() == null || raw.jitter();
        try {
            return new HeartbeatParams(interval, timeout, sweep, initial, max, jitter, raw.closeCode(), raw.closeReason());
        } catch (IllegalArgumentException e) {
            // HeartbeatParams names the field itself ("backoff_max: must be ...").
            String message = e.getMessage();
            int colon = message.indexOf(": ");
            throw colon > 0 ? fields.problem(message.substring(0, colon), message.substring(colon + 2))
                    : fields.problem("file", message);
        }
    }

    /** MQTT 5's Server Keep Alive, when declared: whole seconds, above 0, and another than the client asks for. */
    private Duration serverKeepAlive(Protocol protocol) {
        if (raw.serverKeepAlive() == null) {
            return null;
        }
        if (!protocol.serverMayOverrideKeepAlive()) {
            throw fields.problem("server_keep_alive", "only an MQTT 5 broker answers with a Keep Alive of its own: "
                    + "declare protocol: mqtt5, or drop server_keep_alive");
        }
        Duration value = fields.duration("server_keep_alive", raw.serverKeepAlive());
        if (value.isZero() || value.toMillis() % 1000 != 0) {
            throw fields.problem("server_keep_alive", "expected whole seconds above 0 (MQTT 5's Server Keep Alive), got '"
                    + raw.serverKeepAlive().trim() + "'");
        }
        if (value.equals(fields.duration("interval", raw.interval()))) {
            throw fields.problem("server_keep_alive", "the same as interval: the broker overrides nothing (drop server_keep_alive)");
        }
        return value;
    }

    /** The protocol's heartbeat model ({@link Protocol#defaultModel}) with whatever the spec says instead. */
    private HeartbeatModel model(Protocol protocol, HeartbeatParams params) {
        HeartbeatModel model = protocol.defaultModel(params);
        if (raw.pings() != null) {
            model = model.withPings(word(HeartbeatModel.Pingers.class, "pings", raw.pings()));
            if (!protocol.allowsPings(model.pings())) {
                throw fields.problem("pings", "the " + protocol.id() + " protocol has pings from "
                        + HeartbeatModel.word(protocol.model().pings()) + " only, got '" + raw.pings().trim() + "'");
            }
        }
        if (raw.alive() != null) {
            model = model.withAlive(word(HeartbeatModel.Liveness.class, "alive", raw.alive()));
        }
        if (raw.detection() != null) {
            model = model.withDetection(word(HeartbeatModel.Detection.class, "detection", raw.detection()));
            boolean sweeps = model.detection() == HeartbeatModel.Detection.SWEEP;
            if (sweeps && params.sweepPeriod().isZero()) {
                throw fields.problem("sweep_period", "missing: a target whose detection is 'sweep' needs its sweep period");
            }
            if (!sweeps && !params.sweepPeriod().isZero()) {
                throw fields.problem("detection", "'" + raw.detection().trim() + "' with a sweep_period: a target that "
                        + "sweeps every P detects by 'sweep' (or drop sweep_period)");
            }
        }
        return model;
    }

    private <E extends Enum<E>> E word(Class<E> type, String field, String text) {
        try {
            return HeartbeatModel.parse(type, field, text.trim());
        } catch (IllegalArgumentException e) {
            throw fields.problem(field, e.getMessage().substring(field.length() + 2));
        }
    }
}
