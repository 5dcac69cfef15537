package io.heartbeatharness.target;

import java.util.Locale;

/** Which side of the connection the target plays; the harness's peer plays the other. */
public enum Role {
    SERVER,
    CLIENT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
