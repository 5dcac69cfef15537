package com.example.heartbeat;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} command-line flags: enough for two small mains, without a CLI library. */
final class Flags {
    private final Map<String, String> values = new HashMap<>();

    private Flags(String[] args) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("expected --name value pairs");
        }
        for (int i = 0; i < args.length; i += 2) {
            values.put(args[i], args[i + 1]);
        }
    }

    static Flags parse(String[] args) {
        return new Flags(args);
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String text(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return value;
    }

    long number(String name) {
        return Long.parseLong(text(name));
    }
}
