package io.heartbeatharness.proxy;

import io.heartbeatharness.proxy.control.ToxiproxyException;

import java.nio.charset.StandardCharsets;

/**
 * One API answer, in the form Go's {@code net/http} gives Toxiproxy's: JSON bodies without a trailing newline,
 * errors as text/plain with a JSON body and a newline (Go's {@code http.Error}).
 *
 * @param status      HTTP status
 * @param contentType the Content-Type, or {@code null} for none
 * @param body        the body (empty for 204 and 405)
 * @param nosniff     whether to send {@code X-Content-Type-Options: nosniff}, as {@code http.Error} does
 */
record ApiResponse(int status, String contentType, byte[] body, boolean nosniff) {
    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";

    static ApiResponse json(int status, byte[] body) {
        return new ApiResponse(status, JSON, body, false);
    }

    static ApiResponse empty(int status) {
        return new ApiResponse(status, null, new byte[0], false);
    }

    /** Go's {@code http.Error}: the text plus a newline, as text/plain. */
    static ApiResponse plain(int status, String text) {
        return new ApiResponse(status, TEXT, (text + "\n").getBytes(StandardCharsets.UTF_8), true);
    }

    /** Toxiproxy's {@code apiError}: {@code {"error":…,"status":…}} sent through {@code http.Error}. */
    static ApiResponse error(ToxiproxyException error) {
        byte[] json = ApiJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("error", error.getMessage());
            g.writeNumberField("status", error.status());
            g.writeEndObject();
        });
        return plain(error.status(), new String(json, StandardCharsets.UTF_8));
    }
}
