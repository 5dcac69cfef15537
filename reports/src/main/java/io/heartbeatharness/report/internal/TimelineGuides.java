package io.heartbeatharness.report.internal;

import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.report.internal.TimelineChart.Tick;
import io.heartbeatharness.report.internal.TimelineChart.Vertical;
import io.heartbeatharness.report.internal.TimelineChart.Window;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.heartbeatharness.report.internal.TimelineChart.PLOT_LEFT;
import static io.heartbeatharness.report.internal.TimelineChart.WIDTH;

/** What a timeline is read against: the time axis, the shaded budget window and the lines at the key moments. */
final class TimelineGuides {
    private TimelineGuides() {
    }

    /** The grid lines of the time axis, about ten, at round offsets from the origin. */
    static List<Tick> ticks(TimelineScale scale) {
        double spanMs = (scale.t1 - scale.t0) / 1e6;
        long step = Format.niceStep(spanMs, 10);
        List<Tick> ticks = new ArrayList<>();
        long firstMs = (long) Math.ceil((scale.t0 - scale.origin) / 1e6 / step) * step;
        for (long ms = firstMs; scale.origin + ms * 1_000_000 <= scale.t1; ms += step) {
            double x = scale.x(scale.origin + ms * 1_000_000);
            ticks.add(new Tick(Format.coord(x), Format.tick(ms, step), ms == 0));
        }
        return ticks;
    }

    /** The budget window, or none when the cell has no budget or the window is out of view. */
    static List<Window> budget(TimelineScale scale, CellResult cell) {
        if (scale.budgetEnd == null || scale.budgetEnd < scale.t0 || scale.faultStart > scale.t1) {
            return List.of();
        }
        double from = scale.x((long) Math.max(scale.faultStart, scale.t0));
        double to = scale.x((long) Math.min(scale.budgetEnd, scale.t1));
        String title = "budget window: " + cell.budgetMs() + " ms from the fault's start"
                + (cell.budgetFormula() == null ? "" : " (" + cell.budgetFormula() + ")");
        return List.of(new Window(Format.coord(from), Format.coord(Math.max(to - from, 1)), title));
    }

    /** A line at each key moment in view, labelled in the header where its label fits. */
    static List<Vertical> verticals(TimelineScale scale, CellResult cell) {
        record Line(String cls, Long at, String label, String title) {
        }
        List<Line> lines = new ArrayList<>();
        if (scale.detection != null) {
            lines.add(new Line("v-detect", scale.detection, "detected +" + cell.detectionMs() + " ms",
                    "detection " + cell.detectionMs() + " ms after the fault started"));
        }
        if (scale.faultStart != null) {
            lines.add(new Line("v-fault", scale.faultStart, "fault start", "the fault started"));
        }
        if (scale.budgetEnd != null) {
            lines.add(new Line("v-budget", scale.budgetEnd, "budget ends +" + cell.budgetMs() + " ms",
                    "end of the budget window"));
        }
        if (scale.reconnect != null) {
            lines.add(new Line("v-reconnect", scale.reconnect, "reconnected (" + cell.reconnectMs() + " ms)",
                    "reconnected " + cell.reconnectMs() + " ms after the "
                            + (scale.faultEnd != null ? "fault ended" : "detection")));
        }
        if (scale.faultEnd != null) {
            lines.add(new Line("v-heal", scale.faultEnd, "fault end", "the fault ended"));
        }
        LabelRows rows = new LabelRows(3, PLOT_LEFT, WIDTH - 4);
        List<Vertical> verticals = new ArrayList<>();
        for (Line line : lines) {
            if (!scale.inRange(line.at())) {
                continue;
            }
            double x = scale.x(line.at());
            Optional<LabelRows.Placement> placed = rows.place(x, line.label());
            verticals.add(new Vertical(line.cls(), Format.coord(x), line.title(), placed.isPresent(), line.label(),
                    placed.map(p -> Format.coord(p.x())).orElse(""),
                    placed.map(p -> Integer.toString(13 + 14 * p.row())).orElse(""),
                    placed.map(LabelRows.Placement::anchor).orElse("start")));
        }
        return verticals;
    }
}
