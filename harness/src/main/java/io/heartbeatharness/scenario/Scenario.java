package io.heartbeatharness.scenario;

import io.heartbeatharness.budget.PlannedBudgets;
import io.heartbeatharness.timeline.Side;
import io.heartbeatharness.cell.CellAdmission;
import io.heartbeatharness.cell.CellContext;
import io.heartbeatharness.judge.Evidence;
import io.heartbeatharness.judge.Judgement;
import io.heartbeatharness.target.Target;
import io.heartbeatharness.backend.FaultDemand;
import io.heartbeatharness.budget.Budgets;
import io.heartbeatharness.budget.HeartbeatParams;
import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.time.TimeScale;

import java.time.Duration;

/**
 * One entry of the catalogue: what it checks, how strongly, the fault plan that records evidence, and the
 * check that judges it — record first, judge after.
 */
public interface Scenario extends FaultDemand {

    /** What this case is: id, description, expectation and requirement, as data. */
    ScenarioCase scenarioCase();

    /** Case id such as {@code half-open/both}; prefixes select groups. */
    default String id() {
        return scenarioCase().id();
    }

    /** One sentence: the fault. */
    default String description() {
        return scenarioCase().description();
    }

    /** One sentence: what a correct implementation does. */
    default String expectation() {
        return scenarioCase().expectation();
    }

    default Requirement requirement() {
        return scenarioCase().requirement();
    }

    /**
     * Whether a cell of this scenario needs the machine to itself ({@link CellAdmission}): it starts hundreds of
     * connections or several processes at once, and that burst would make the deadlines of cells beside it late.
     */
    default boolean exclusive() {
        return false;
    }

    /** Whether this scenario means anything for {@code target} (role, protocol, whether the harness starts it). */
    boolean appliesTo(Target target);


    /**
     * The budgets a cell of this scenario is judged by, from the target's role and scaled parameters: the cell records
     * them on its timeline before {@link #drive} runs, its waits and {@link #judge} read them back from there. A
     * budget that depends on what the cell measures or sets up is recorded by {@link #drive} once it is known.
     */
    default PlannedBudgets budgets(Side role, HeartbeatParams scaled, TimeScale scale, Tolerance tolerance) {
        return PlannedBudgets.none();
    }

    /** Record: starts what the cell needs, injects the fault, and waits long enough for evidence to appear. */
    void drive(CellContext cell) throws Exception;

    /** Judge: a pure function of the evidence. */
    Judgement judge(Evidence evidence);

    /**
     * About how long the fault plan takes at most, from the target's scaled parameters (start-up not counted): for
     * progress lines on long runs. By default a heartbeat exchange, a detection and a reconnect, each at its budget.
     */
    default Duration expectedDuration(HeartbeatParams scaled, TimeScale scale, Tolerance tolerance) {
        Duration detection = Budgets.detection(scaled, tolerance).limit();
        return detection.plus(detection).plus(Budgets.reconnectAfterHeal(scaled, tolerance).limit());
    }
}
