package io.heartbeatharness.proxy;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Request ids shaped like the xids Toxiproxy sends in {@code X-Toxiproxy-Request-Id} (zerolog's hlog): 12 bytes —
 * seconds, a random machine part, the process id, a counter — in 20 characters of base32hex.
 */
final class RequestIds {
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuv".toCharArray();
    private static final byte[] MACHINE = new byte[3];
    private static final int PID = (int) ProcessHandle.current().pid();
    private static final AtomicInteger COUNTER;

    static {
        SecureRandom random = new SecureRandom();
        random.nextBytes(MACHINE);
        COUNTER = new AtomicInteger(random.nextInt());
    }

    private RequestIds() {
    }

    static String next() {
        byte[] id = new byte[12];
        int seconds = (int) (System.currentTimeMillis() / 1000);
        int count = COUNTER.getAndIncrement();
        id[0] = (byte) (seconds >>> 24);
        id[1] = (byte) (seconds >>> 16);
        id[2] = (byte) (seconds >>> 8);
        id[3] = (byte) seconds;
        System.arraycopy(MACHINE, 0, id, 4, 3);
        id[7] = (byte) (PID >>> 8);
        id[8] = (byte) PID;
        id[9] = (byte) (count >>> 16);
        id[10] = (byte) (count >>> 8);
        id[11] = (byte) count;
        StringBuilder text = new StringBuilder(20);
        long buffer = 0;
        int bits = 0;
        for (byte b : id) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                text.append(ALPHABET[(int) (buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            text.append(ALPHABET[(int) (buffer << (5 - bits)) & 31]);
        }
        return text.toString();
    }
}
