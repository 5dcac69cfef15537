package io.heartbeatharness.testing;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class or method only where the named executables are on {@code PATH}; elsewhere it is disabled
 * with the reason, and with {@code HARNESS_REQUIRE_ALL=true} it fails instead (see {@link Prerequisites}).
 *
 * <pre>{@code @RequiresTool(value = "chromium", reason = "renders the report in a real browser")}</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(RequiresToolCondition.class)
public @interface RequiresTool {

    /** Executable names looked up on {@code PATH}, e.g. {@code chromium}, {@code nginx}; all are required. */
    String[] value();

    /** What the test needs them for; appended to the skip (or failure) message. */
    String reason() default "";
}
