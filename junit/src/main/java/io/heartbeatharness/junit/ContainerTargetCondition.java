package io.heartbeatharness.junit;

import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.run.CellRunner;
import io.heartbeatharness.cell.ContainerTargets;
import io.heartbeatharness.run.MatrixRun;
import io.heartbeatharness.time.TimeScale;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Optional;

/**
 * Skips, with the reason, a cell of a container target that Docker cannot run here — the way the harness's own
 * container tests are skipped — rather than failing the test; the report still lists the cell as UNSUPPORTED.
 */
final class ContainerTargetCondition implements ExecutionCondition {
    private final MatrixRun.Planned cell;
    private final TimeScale scale;
    private final RunReport report;
    private final ExclusiveFirst exclusiveFirst;

    ContainerTargetCondition(MatrixRun.Planned cell, TimeScale scale, RunReport report, ExclusiveFirst exclusiveFirst) {
        this.cell = cell;
        this.scale = scale;
        this.report = report;
        this.exclusiveFirst = exclusiveFirst;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> unavailable = ContainerTargets.unavailableReason(cell.target());
        if (unavailable.isEmpty()) {
            return ConditionEvaluationResult.enabled("not a container target, or Docker can run it");
        }
        // Refused before anything starts: the runner only records the UNSUPPORTED cell for the report.
        CellResult unsupported = new CellRunner(scale, Tolerance.DEFAULT).run(cell.scenario(), cell.target());
        report.add(unsupported);
        // An exclusive cell skipped is over: ordinary cells must not wait for it.
        exclusiveFirst.finished(cell);
        return ConditionEvaluationResult.disabled(unsupported.message());
    }
}
