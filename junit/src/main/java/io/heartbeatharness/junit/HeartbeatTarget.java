package io.heartbeatharness.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/**
 * Marks a static {@link io.heartbeatharness.target.Target} field of a test class as a target its
 * {@link ScenarioMatrix} methods may name — or run against, when they name none:
 *
 * <pre>
 * &#64;HeartbeatTarget
 * static final Target ORDERS = TargetBuilder.server("orders-ws").protocol("ws-json").path("/ws")
 *         .interval(Duration.ofSeconds(30)).timeout(Duration.ofSeconds(5))
 *         .mainClass(OrdersServer.class, "--port", "${port}").build();
 *
 * &#64;ScenarioMatrix(scenarios = "half-open")
 * void heartbeats(CellResult cell) { … }
 * </pre>
 *
 * {@link #scenarios()} narrows the matrix for this target alone.
 */
@java.lang.annotation.Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface HeartbeatTarget {

    /**
     * The scenarios this target is checked against — ids or group prefixes, e.g. {@code {"half-open", "frozen-client"}}
     * — within those the {@link ScenarioMatrix} names; empty means all of those.
     */
    String[] scenarios() default {};
}
