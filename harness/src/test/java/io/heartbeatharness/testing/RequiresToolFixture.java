package io.heartbeatharness.testing;

import org.junit.jupiter.api.Test;

/** Test classes run by {@link RequiresToolTests} through the launcher; not picked up by the build on their own. */
final class RequiresToolFixture {
    private RequiresToolFixture() {
    }

    static final class MissingTool {
        @Test
        @RequiresTool(value = "no-such-tool-7f3a", reason = "prove the condition")
        void needsAToolNobodyHas() {
        }
    }

    @RequiresTool("sh")
    static final class PresentTool {
        @Test
        void needsAShell() {
        }
    }
}
