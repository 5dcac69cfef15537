package io.heartbeatharness.proxy.control;

/**
 * A request the proxy refuses, with the HTTP status and message Toxiproxy answers it with
 * (e.g. 409 {@code proxy already exists}); the API server turns it into {@code {"error":…,"status":…}}.
 */
public final class ToxiproxyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public ToxiproxyException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ToxiproxyException badRequestBody(String detail) {
        return new ToxiproxyException(400, "bad request body" + (detail == null ? "" : ": " + detail));
    }

    public static ToxiproxyException missingField(String field) {
        return new ToxiproxyException(400, "missing required field: " + field);
    }

    public static ToxiproxyException proxyNotFound() {
        return new ToxiproxyException(404, "proxy not found");
    }

    public static ToxiproxyException proxyExists() {
        return new ToxiproxyException(409, "proxy already exists");
    }

    public static ToxiproxyException invalidStream() {
        return new ToxiproxyException(400, "stream was invalid, can be either upstream or downstream");
    }

    public static ToxiproxyException invalidToxicType() {
        return new ToxiproxyException(400, "invalid toxic type");
    }

    public static ToxiproxyException toxicExists() {
        return new ToxiproxyException(409, "toxic already exists");
    }

    public static ToxiproxyException toxicNotFound() {
        return new ToxiproxyException(404, "toxic not found");
    }

    /** Anything else (a port already bound, an unknown host): Toxiproxy answers 500 with the error text. */
    public static ToxiproxyException internal(String message) {
        return new ToxiproxyException(500, message);
    }
}
