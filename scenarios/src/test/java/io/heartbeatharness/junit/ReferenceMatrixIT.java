package io.heartbeatharness.junit;

import io.heartbeatharness.report.CellResult;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** The whole catalogue against every reference implementation: each cell must PASS. */
class ReferenceMatrixIT {

    @ScenarioMatrix
    @Execution(ExecutionMode.CONCURRENT)
    void referenceImplementationsPass(CellResult cell) {
        HeartbeatAssertions.assertPassed(cell);
    }
}
