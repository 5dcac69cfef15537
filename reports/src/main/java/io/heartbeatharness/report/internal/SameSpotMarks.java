package io.heartbeatharness.report.internal;

import io.heartbeatharness.report.internal.TimelineChart.Mark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A chart's marks in drawing order, where an unlabelled mark is drawn once per spot: a fleet's thousands of closes or
 * a storm's simultaneous heartbeats would otherwise be thousands of identical circles, and megabytes of page. The mark
 * drawn says in its tooltip how many it stands for.
 */
final class SameSpotMarks {
    private final List<Mark> marks = new ArrayList<>();
    /** For each mark, how many more of the same spot it stands for. */
    private final List<Integer> repeats = new ArrayList<>();
    /** Which mark was drawn at each spot. */
    private final Map<String, Integer> spots = new HashMap<>();

    /**
     * Whether a mark is already drawn at {@code spot} (then it counts one more); when not, the next mark
     * {@linkplain #add added} is the one drawn there.
     */
    boolean taken(String spot) {
        Integer previous = spots.get(spot);
        if (previous != null) {
            repeats.set(previous, repeats.get(previous) + 1);
            return true;
        }
        spots.put(spot, marks.size());
        return false;
    }

    void add(Mark mark) {
        marks.add(mark);
        repeats.add(0);
    }

    /** The marks, those standing for more than one saying so in their tooltip. */
    List<Mark> list() {
        for (int i = 0; i < marks.size(); i++) {
            if (repeats.get(i) > 0) {
                Mark m = marks.get(i);
                marks.set(i, new Mark(m.cls(), m.type(), m.source(), m.title() + " (and " + repeats.get(i)
                        + " more " + m.type() + " here)", m.tick(), m.x(), m.y(), m.r(), m.y1(), m.y2(),
                        m.labelled(), m.label(), m.labelX(), m.labelY(), m.anchor()));
            }
        }
        return marks;
    }
}
