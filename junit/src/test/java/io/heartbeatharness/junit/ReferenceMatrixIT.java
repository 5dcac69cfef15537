package io.heartbeatharness.junit;

import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.scenario.tcpkeepalive.TcpKeepaliveBlackhole;
import io.heartbeatharness.verdict.Verdict;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole catalogue against every reference implementation: each cell must PASS — except TCP keepalive's
 * blackhole, which behind the embedded proxy must go unseen for the whole window and say why.
 */
class ReferenceMatrixIT {

    @ScenarioMatrix
    @Execution(ExecutionMode.CONCURRENT)
    void referenceImplementationsPass(CellResult cell) {
        if (cell.scenario().equals(TcpKeepaliveBlackhole.ID)) {
            HeartbeatAssertions.assertVerdict(cell, Verdict.UNSUPPORTED);
            assertThat(cell.message()).contains("answered by the proxy's own kernel", "went unnoticed");
            return;
        }
        HeartbeatAssertions.assertPassed(cell);
    }
}
