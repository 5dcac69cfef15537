package io.heartbeatharness.kernel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KernelNamesTests {

    @Test
    void namesCarryTheOwningPidAndTheCell() {
        KernelNames names = KernelNames.forCell(4711, 3);
        assertThat(names.namespace("srv")).isEqualTo("hh4711c3-srv");
        assertThat(names.veth("cv")).isEqualTo("hh4711c3cv");
        assertThat(KernelNames.owner("hh4711c3-srv")).hasValue(4711);
        assertThat(KernelNames.owner("hh4711c3sn")).hasValue(4711);
    }

    @Test
    void vethNamesFitTheKernelLimitForTheLargestPidAndManyCells() {
        // pid_max is at most 4194304 (2^22) on Linux: seven digits.
        KernelNames names = KernelNames.forCell(4_194_304, 36 * 36 * 36 - 1);
        assertThat(names.veth("cv")).hasSizeLessThanOrEqualTo(KernelNames.MAX_INTERFACE_NAME);
    }

    @Test
    void aNameTooLongForAnInterfaceIsRefused() {
        assertThatThrownBy(() -> KernelNames.forCell(4_194_304, Integer.MAX_VALUE))
                .hasMessageContaining("exceeds 15 characters");
    }

    @Test
    void namesTheHarnessDidNotMakeHaveNoOwner() {
        assertThat(KernelNames.owner("eth0")).isEmpty();
        assertThat(KernelNames.owner("hh-keepalive-12")).isEmpty();
        assertThat(KernelNames.owner("hhx")).isEmpty();
    }
}
