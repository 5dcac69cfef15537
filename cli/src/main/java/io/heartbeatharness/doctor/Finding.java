package io.heartbeatharness.doctor;

/**
 * What one check found on this machine: a state, what was seen in a few words (starting with the prerequisite's name,
 * e.g. {@code nginx 1.22.1}), when something is missing the one command that installs or provides it ({@code null}:
 * the prerequisite's own install command), and an optional note: why, or what comes after the command.
 */
public record Finding(State state, String found, String fix, String note) {

    /** ok: present and usable; partial: some of it is here, not enough; missing: absent. */
    public enum State {
        OK, PARTIAL, MISSING;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Finding ok(String found) {
        return new Finding(State.OK, found, null, null);
    }

    public static Finding missing(String found) {
        return new Finding(State.MISSING, found, null, null);
    }

    public static Finding missing(String found, String fix) {
        return new Finding(State.MISSING, found, fix, null);
    }

    public static Finding partial(String found, String fix) {
        return new Finding(State.PARTIAL, found, fix, null);
    }

    public Finding withNote(String note) {
        return new Finding(state, found, fix, note);
    }

    public boolean ok() {
        return state == State.OK;
    }
}
