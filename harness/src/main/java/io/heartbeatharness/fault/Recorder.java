package io.heartbeatharness.fault;

/** Writes a harness mark on a cell's timeline and returns its instant. */
@FunctionalInterface
public interface Recorder {
    long record(String type, Object... keyValues);
}
