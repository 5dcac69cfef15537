package io.heartbeatharness.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --shard I/N}: the I-th of N slices of the planned cells, dealt round-robin in plan order, so N CI jobs
 * together run every cell exactly once and each job's slice is the same on every machine.
 *
 * @param index which slice, from 1
 * @param count how many slices
 */
record Shard(int index, int count) {

    Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("--shard: expected I/N with 1 <= I <= N, got " + index + "/" + count);
        }
    }

    static Shard parse(String text) {
        String[] parts = text.trim().split("/", -1);
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--shard: expected I/N such as 2/4, got '" + text + "'");
    }

    <T> List<T> select(List<T> planned) {
        List<T> slice = new ArrayList<>();
        for (int i = index - 1; i < planned.size(); i += count) {
            slice.add(planned.get(i));
        }
        return slice;
    }
}
