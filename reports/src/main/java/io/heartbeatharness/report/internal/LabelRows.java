package io.heartbeatharness.report.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Greedy label placement in a few rows: a label goes in the first row where it overlaps nothing. */
final class LabelRows {
    /** Average glyph width of the 11 px label font (bold in the header), rounded up, to guess how wide a label is. */
    static final double CHAR_PX = 6.8;

    /**
     * Where a label went.
     *
     * @param row    the row, from the top
     * @param x      where the text is anchored
     * @param anchor {@code start} (the text right of the mark) or {@code end} (left of it)
     */
    record Placement(int row, double x, String anchor) {
    }

    private final List<List<double[]>> rows = new ArrayList<>();
    private final Map<String, List<Double>> written = new HashMap<>();
    private final double left;
    private final double right;

    LabelRows(int count, double left, double right) {
        for (int i = 0; i < count; i++) {
            rows.add(new ArrayList<>());
        }
        this.left = left;
        this.right = right;
    }

    /**
     * Where the label of a mark at {@code x} goes, or empty when every row is taken there or the same text is
     * already written close by (a crowd of reconnects needs one "connected", not forty).
     */
    Optional<Placement> place(double x, String text) {
        double w = text.length() * CHAR_PX;
        boolean start = x + 4 + w <= right;
        double from = start ? x + 4 : Math.max(left, x - 4 - w);
        double to = from + w;
        List<Double> same = written.get(text);
        if (same != null && same.stream().anyMatch(at -> Math.abs(at - x) < w + 20)) {
            return Optional.empty();
        }
        for (int i = 0; i < rows.size(); i++) {
            boolean free = rows.get(i).stream().noneMatch(span -> from < span[1] + 6 && to + 6 > span[0]);
            if (free) {
                rows.get(i).add(new double[]{from, to});
                written.computeIfAbsent(text, t -> new ArrayList<>()).add(x);
                return Optional.of(new Placement(i, start ? x + 4 : x - 4, start ? "start" : "end"));
            }
        }
        return Optional.empty();
    }
}
