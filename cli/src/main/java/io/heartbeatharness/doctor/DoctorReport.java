package io.heartbeatharness.doctor;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines {@code doctor} prints: one per prerequisite — state, what was found, what it enables and, unless ok, the
 * command that installs it, then any note after a {@code #} so that the command stays copyable — and a summary.
 */
public final class DoctorReport {
    /** Wider findings are not cut, only not padded. */
    private static final int MAX_FOUND_WIDTH = 40;

    private final List<Prerequisite> prerequisites;
    private final List<Finding> findings;

    public DoctorReport(List<Prerequisite> prerequisites, List<Finding> findings) {
        if (prerequisites.size() != findings.size()) {
            throw new IllegalArgumentException("one finding per prerequisite");
        }
        this.prerequisites = List.copyOf(prerequisites);
        this.findings = List.copyOf(findings);
    }

    public long count(Finding.State state) {
        return findings.stream().filter(f -> f.state() == state).count();
    }

    public boolean allOk() {
        return findings.stream().allMatch(Finding::ok);
    }

    public List<String> lines() {
        int found = Math.min(MAX_FOUND_WIDTH, findings.stream().mapToInt(f -> f.found().length()).max().orElse(0));
        int enables = prerequisites.stream().mapToInt(p -> p.enables().length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            Prerequisite prerequisite = prerequisites.get(i);
            Finding finding = findings.get(i);
            String fix = finding.ok() ? "" : prerequisite.fixFor(finding);
            String note = finding.note() == null ? "" : (fix.isEmpty() ? "# " : "  # ") + finding.note();
            String line = String.format("  %-8s %-" + found + "s  %-" + enables + "s  %s%s", finding.state().word(),
                    finding.found(), prerequisite.enables(), fix, note);
            lines.add(line.stripTrailing());
        }
        lines.add(summary());
        return lines;
    }

    public String summary() {
        int all = findings.size();
        long missing = count(Finding.State.MISSING);
        long partial = count(Finding.State.PARTIAL);
        if (missing == 0 && partial == 0) {
            return "all " + all + " present: every cell and test can run here.";
        }
        String counts = missing > 0 ? missing + " of " + all + " missing" + (partial > 0 ? ", " + partial + " partial" : "")
                : partial + " of " + all + " partial";
        return counts + ": what they enable is UNSUPPORTED, cannot start or is skipped (see above).";
    }
}
