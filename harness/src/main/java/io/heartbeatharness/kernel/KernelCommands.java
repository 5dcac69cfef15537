package io.heartbeatharness.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the commands that build kernel networks: always an argv list, never a shell, and every failure names the
 * command and what it printed on stderr.
 */
public final class KernelCommands {
    /** A guard against a hang only: {@code ip}, {@code iptables -w} and {@code sysctl} answer within milliseconds. */
    private static final long GUARD_SECONDS = 30;

    private KernelCommands() {
    }

    /** Runs {@code command}; returns its stdout, or throws naming the command, its exit status and its stderr. */
    public static String run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new KernelCommandException(command, e.getMessage());
        }
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process, true));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process, false));
        try {
            if (!process.waitFor(GUARD_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new KernelCommandException(command, "no answer within " + GUARD_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new KernelCommandException(command, "exit " + process.exitValue() + ": " + stderr.join().trim());
            }
            return stdout.join();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new KernelCommandException(command, "interrupted");
        }
    }

    public static String run(String... command) {
        return run(List.of(command));
    }

    /** Runs {@code command} inside network namespace {@code namespace} ({@code ip netns exec}). */
    public static String inNamespace(String namespace, String... command) {
        return run(inNamespace(namespace, List.of(command)));
    }

    /** {@code command} prefixed so that it runs inside {@code namespace}. */
    public static List<String> inNamespace(String namespace, List<String> command) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        argv.addAll(command);
        return argv;
    }

    private static String read(Process process, boolean stdout) {
        try {
            return new String((stdout ? process.getInputStream() : process.getErrorStream()).readAllBytes(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
