package io.heartbeatharness.doctor;

import java.util.function.Supplier;

/**
 * One thing the harness can use when this machine has it: its name, what it enables (cells, backends, tests), how to
 * find out whether it is here, and the command that installs it (Debian and Ubuntu package names, as in CI).
 */
public record Prerequisite(String name, String enables, Supplier<Finding> check, String install) {

    /** The command to print for {@code finding}: its own, else this prerequisite's install command. */
    public String fixFor(Finding finding) {
        return finding.fix() != null ? finding.fix() : install;
    }
}
