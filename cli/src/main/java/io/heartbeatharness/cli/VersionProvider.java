package io.heartbeatharness.cli;

import io.heartbeatharness.run.RunDefaults;
import picocli.CommandLine;

/** {@code --version}: the harness version from the jar manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"heartbeat-harness " + RunDefaults.harnessVersion()};
    }
}
