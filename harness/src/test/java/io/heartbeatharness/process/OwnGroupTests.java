package io.heartbeatharness.process;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class OwnGroupTests {

    private static java.util.function.Function<String, Optional<String>> having(Map<String, String> tools) {
        return name -> Optional.ofNullable(tools.get(name));
    }

    @Test
    void perlMakesTheGroupWhereItExistsBecauseASessionWouldBeASchedulingGroupToo() {
        assertThat(OwnGroup.prefix(having(Map.of("perl", "/usr/bin/perl", "setsid", "/usr/bin/setsid"))))
                .containsExactly("/usr/bin/perl", "-e", OwnGroup.PERL_SETPGID_EXEC, "--");
    }

    @Test
    void setsidIsTheFallback() {
        assertThat(OwnGroup.prefix(having(Map.of("setsid", "/bin/setsid")))).containsExactly("/bin/setsid");
    }

    @Test
    void withNeitherTheProcessIsStartedAsItIs() {
        assertThat(OwnGroup.prefix(having(Map.of()))).isEmpty();
    }
}
