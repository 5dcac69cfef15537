package io.heartbeatharness.timeline;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a {@link TimelineEvent} (all but its monotonic instant) into a few bytes and back: short strings — sources,
 * types, keys, connection ids, directions — become numbers in a shared dictionary, numbers are variable-length.
 * A tap event takes about 21 bytes this way against some 180 as objects, which the young collections must copy.
 * Not thread-safe: {@link EventStore} calls it under its lock (encoding) or with a published dictionary (decoding).
 * The flat form ({@link #encodeFlat}) needs no dictionary: a finished list ({@link FinishedEvents}) stands alone.
 */
final class EventCodec {
    /** Longer strings (log lines, causes) are stored inline: they rarely repeat. */
    private static final int INTERNED_LENGTH = 48;
    private static final int STRING_REF = 0;
    private static final int STRING_INLINE = 1;
    private static final int LONG = 2;
    private static final int INT = 3;
    private static final int TRUE = 4;
    private static final int FALSE = 5;
    private static final int DOUBLE = 6;
    /** Any other value is kept as it is, in the dictionary: exact, and rare. */
    private static final int OBJECT = 7;

    /**
     * Data that repeats — a tap's bytes event names a connection, a direction and a small count — is kept once, as
     * the event's own immutable map, and decoding it makes no garbage but the event: a fleet's waits read every
     * event once a second. Bounded by what repeats (connections × directions × sizes), and by this many maps.
     */
    private static final int SHARED_DATA_MAX = 65_536;
    /** In place of the data's size: a shared map's dictionary index follows. */
    private static final int SHARED_DATA = -1;
    /** A number this small is a count or a size, not a sequence number or an instant that never repeats. */
    private static final long SHARED_NUMBER_MAX = 4_096;

    private final Map<String, Integer> interned = new HashMap<>();
    private final Map<Map<String, Object>, Integer> sharedData = new HashMap<>();
    private Object[] dictionary = new Object[256];
    private int dictionarySize;

    /** The dictionary as it is now; entries below its length never change. */
    Object[] dictionary() {
        return dictionary;
    }

    void encode(TimelineEvent event, ByteArrayOutputStream out) {
        writeLong(out, event.wallMillis());
        writeInt(out, intern(event.source()));
        writeInt(out, intern(event.type()));
        Integer shared = sharedData(event.data());
        if (shared != null) {
            writeInt(out, SHARED_DATA);
            writeInt(out, shared);
            return;
        }
        writeInt(out, event.data().size());
        for (Map.Entry<String, Object> entry : event.data().entrySet()) {
            writeInt(out, intern(entry.getKey()));
            writeValue(out, entry.getValue());
        }
    }

    static TimelineEvent decode(long monoNanos, ByteBuffer chunk, int offset, Object[] dictionary) {
        Reader in = new Reader(chunk, offset);
        long wall = in.readLong();
        String source = (String) dictionary[in.readInt()];
        String type = (String) dictionary[in.readInt()];
        int size = in.readInt();
        if (size == SHARED_DATA) {
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) dictionary[in.readInt()];
            return new TimelineEvent(monoNanos, wall, source, type, data);
        }
        Object[] kv = new Object[size * 2];
        for (int i = 0; i < kv.length; i += 2) {
            kv[i] = dictionary[in.readInt()];
            kv[i + 1] = in.readValue(dictionary);
        }
        return new TimelineEvent(monoNanos, wall, source, type, immutableMap(kv));
    }

    /** Only the type of an encoded event: enough to pass over events of other types without decoding them. */
    static String type(ByteBuffer chunk, int offset, Object[] dictionary) {
        Reader in = new Reader(chunk, offset);
        in.readLong();
        in.readInt();
        return (String) dictionary[in.readInt()];
    }

    /** Only the source of an encoded event: enough to pass over another process's events without decoding them. */
    static String source(ByteBuffer chunk, int offset, Object[] dictionary) {
        Reader in = new Reader(chunk, offset);
        in.readLong();
        return (String) dictionary[in.readInt()];
    }


    /**
     * {@code event} whole, instant included, with every string written out: what a finished list keeps. False (what was
     * written then is of no use) when a value is not a string, number or boolean, which only the dictionary can hold.
     */
    static boolean encodeFlat(TimelineEvent event, ByteArrayOutputStream out) {
        writeLong(out, event.monoNanos());
        writeLong(out, event.wallMillis());
        writeString(out, event.source());
        writeString(out, event.type());
        writeInt(out, event.data().size());
        for (Map.Entry<String, Object> entry : event.data().entrySet()) {
            writeString(out, entry.getKey());
            if (!writeLiteral(out, entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The event written by {@link #encodeFlat} at {@code offset}. */
    static TimelineEvent decodeFlat(ByteBuffer bytes, int offset) {
        Reader in = new Reader(bytes, offset);
        long mono = in.readLong();
        long wall = in.readLong();
        String source = in.readString();
        String type = in.readString();
        Object[] kv = new Object[in.readInt() * 2];
        for (int i = 0; i < kv.length; i += 2) {
            kv[i] = in.readString();
            kv[i + 1] = in.readValue(null);
        }
        return new TimelineEvent(mono, wall, source, type, immutableMap(kv));
    }

    /** Built immutable, so that the event takes it without another copy: every poll of a wait decodes anew. */
    private static Map<String, Object> immutableMap(Object[] kv) {
        return switch (kv.length) {
            case 0 -> Map.of();
            case 2 -> Map.of(k(kv, 0), kv[1]);
            case 4 -> Map.of(k(kv, 0), kv[1], k(kv, 2), kv[3]);
            case 6 -> Map.of(k(kv, 0), kv[1], k(kv, 2), kv[3], k(kv, 4), kv[5]);
            case 8 -> Map.of(k(kv, 0), kv[1], k(kv, 2), kv[3], k(kv, 4), kv[5], k(kv, 6), kv[7]);
            case 10 -> Map.of(k(kv, 0), kv[1], k(kv, 2), kv[3], k(kv, 4), kv[5], k(kv, 6), kv[7], k(kv, 8), kv[9]);
            default -> {
                Map<String, Object> data = new HashMap<>(kv.length);
                for (int i = 0; i < kv.length; i += 2) {
                    data.put(k(kv, i), kv[i + 1]);
                }
                yield data;
            }
        };
    }

    private static String k(Object[] kv, int i) {
        return (String) kv[i];
    }

    private void writeValue(ByteArrayOutputStream out, Object value) {
        if (value instanceof String s && s.length() <= INTERNED_LENGTH) {
            out.write(STRING_REF);
            writeInt(out, intern(s));
        } else if (!writeLiteral(out, value)) {
            out.write(OBJECT);
            writeInt(out, add(value));
        }
    }

    /** A string (inline), number or boolean written with its tag; false, and nothing written, for any other value. */
    private static boolean writeLiteral(ByteArrayOutputStream out, Object value) {
        if (value instanceof String s) {
            out.write(STRING_INLINE);
            writeString(out, s);
        } else if (value instanceof Long l) {
            out.write(LONG);
            writeLong(out, l);
        } else if (value instanceof Integer i) {
            out.write(INT);
            writeLong(out, i);
        } else if (value instanceof Boolean b) {
            out.write(b ? TRUE : FALSE);
        } else if (value instanceof Double d) {
            out.write(DOUBLE);
            writeLong(out, Double.doubleToRawLongBits(d));
        } else {
            return false;
        }
        return true;
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        writeInt(out, utf8.length);
        out.write(utf8, 0, utf8.length);
    }

    /** The dictionary index of {@code data} kept once, or null when it is not the kind that repeats. */
    private Integer sharedData(Map<String, Object> data) {
        Integer known = sharedData.get(data);
        if (known != null || sharedData.size() >= SHARED_DATA_MAX) {
            return known;
        }
        for (Object value : data.values()) {
            boolean repeats = value instanceof String s && s.length() <= INTERNED_LENGTH
                    || value instanceof Boolean
                    || (value instanceof Long || value instanceof Integer)
                    && Math.abs(((Number) value).longValue()) <= SHARED_NUMBER_MAX;
            if (!repeats) {
                return null;
            }
        }
        int index = add(data);
        sharedData.put(data, index);
        return index;
    }

    private int intern(String s) {
        Integer known = interned.get(s);
        if (known != null) {
            return known;
        }
        int index = add(s);
        interned.put(s, index);
        return index;
    }

    private int add(Object value) {
        if (dictionarySize == dictionary.length) {
            Object[] grown = new Object[dictionary.length * 2];
            System.arraycopy(dictionary, 0, grown, 0, dictionarySize);
            dictionary = grown;
        }
        dictionary[dictionarySize] = value;
        return dictionarySize++;
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        writeLong(out, value);
    }

    /** Zig-zag, then seven bits a byte. */
    private static void writeLong(ByteArrayOutputStream out, long value) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static final class Reader {
        private final ByteBuffer bytes;
        private int at;

        Reader(ByteBuffer bytes, int at) {
            this.bytes = bytes;
            this.at = at;
        }

        long readLong() {
            long v = 0;
            int shift = 0;
            while (true) {
                byte b = bytes.get(at++);
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    break;
                }
                shift += 7;
            }
            return (v >>> 1) ^ -(v & 1);
        }

        int readInt() {
            return (int) readLong();
        }

        String readString() {
            int length = readInt();
            byte[] utf8 = new byte[length];
            bytes.get(at, utf8);
            at += length;
            return new String(utf8, StandardCharsets.UTF_8);
        }

        Object readValue(Object[] dictionary) {
            int tag = bytes.get(at++);
            return switch (tag) {
                case STRING_REF, OBJECT -> dictionary[readInt()];
                case STRING_INLINE -> readString();
                case LONG -> readLong();
                case INT -> (int) readLong();
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                case DOUBLE -> Double.longBitsToDouble(readLong());
                default -> throw new IllegalStateException("unknown value tag " + tag);
            };
        }
    }
}
