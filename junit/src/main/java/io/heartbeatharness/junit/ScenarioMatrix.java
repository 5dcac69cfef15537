package io.heartbeatharness.junit;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated method once per cell of scenarios × targets, each as its own test named like
 * {@code frozen-client [ws-json server]}; the method receives the cell's {@link io.heartbeatharness.result.CellResult}.
 * When the test plan ends, the report of every cell run this way is written to {@code target/heartbeat-report}
 * (or the directory in the system property {@code heartbeat.report.dir}).
 *
 * <pre>
 * &#64;ScenarioMatrix(targets = {"ws-json server", "classpath:specs/orders-server.yaml"})
 * void heartbeats(CellResult cell) {
 *     HeartbeatAssertions.assertPassed(cell);
 * }
 * </pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(ScenarioMatrixExtension.class)
public @interface ScenarioMatrix {

    /** Scenario ids or group prefixes; empty means the whole catalogue. */
    String[] scenarios() default {};

    /**
     * Targets: the names of the test class's {@link HeartbeatTarget} fields' targets, reference implementation names,
     * or target spec files — a path ({@code ../specs/orders-server.yaml}, relative to the working directory) or a
     * class path resource ({@code classpath:specs/orders-server.yaml}, a file under {@code src/test/resources}). Empty
     * means the {@link HeartbeatTarget} fields' targets, or every reference implementation when there are none.
     */
    String[] targets() default {};

    /** Time scale; 0 means the system property {@code heartbeat.scale}, else the CI default. */
    double scale() default 0;
}
