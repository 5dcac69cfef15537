package io.heartbeatharness.report.internal;

import io.heartbeatharness.result.ReconnectSpread;

import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of a storm run's reconnect-spread histogram: one SVG bar per bin (10 ms unless the spread is
 * too wide for that), height by reconnects in it, on an axis of milliseconds after the kill.
 */
public record SpreadChart(int width, int height, int plotLeft, int plotRight, int plotTop, int plotBottom,
                          List<Bar> bars, List<Tick> xTicks, List<Tick> yTicks, String binMs) {

    static final int WIDTH = 900;
    static final int HEIGHT = 220;
    static final int LEFT = 50;
    static final int RIGHT = 850;
    static final int TOP = 12;
    static final int BOTTOM = 190;

    /** One bin. */
    public record Bar(String x, String y, String width, String height, String title) {
    }

    /** An axis label at a position along its axis. */
    public record Tick(String at, String label) {
    }

    public static SpreadChart of(ReconnectSpread spread) {
        List<Integer> bins = spread.bins();
        long bin = spread.binMs();
        long start = spread.firstBinStart();
        int most = bins.stream().mapToInt(Integer::intValue).max().orElse(1);
        double barWidth = (double) (RIGHT - LEFT) / bins.size();
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < bins.size(); i++) {
            int count = bins.get(i);
            if (count == 0) {
                continue;
            }
            double h = (double) count / most * (BOTTOM - TOP);
            long from = start + i * bin;
            bars.add(new Bar(Format.coord(LEFT + i * barWidth + 0.5), Format.coord(BOTTOM - h),
                    Format.coord(Math.max(barWidth - 1, 0.5)), Format.coord(h),
                    count + " reconnect" + (count == 1 ? "" : "s") + " from +" + from + " to +" + (from + bin) + " ms"));
        }
        List<Tick> xTicks = new ArrayList<>();
        double spanMs = (double) bins.size() * bin;
        long step = Math.max(bin, Format.niceStep(spanMs, 8));
        for (long ms = (long) Math.ceil((double) start / step) * step; ms <= start + spanMs; ms += step) {
            xTicks.add(new Tick(Format.coord(LEFT + (ms - start) / spanMs * (RIGHT - LEFT)), "+" + ms + " ms"));
        }
        List<Tick> yTicks = List.of(new Tick(Integer.toString(BOTTOM), "0"),
                new Tick(Integer.toString(TOP), Integer.toString(most)));
        return new SpreadChart(WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM, bars, xTicks, yTicks, Long.toString(bin));
    }
}
