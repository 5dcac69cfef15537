package io.heartbeatharness.fault;

import io.heartbeatharness.process.ManagedProcess;
import io.heartbeatharness.backend.FaultPath;
import io.heartbeatharness.process.StartedProgram;

/**
 * What a cell lends a {@link Fault} to make and heal itself with: the cell's timeline, including the fault marks no
 * one else may write, its fault path, and the means to start a killed server again.
 */
public interface FaultSite extends Recorder {

    /** The fault path between the cell's client and server; a path fault in an unwired cell is a harness failure. */
    FaultPath path();

    /** Starts the wiring's server again on the port it had, returning once it listens. */
    StartedProgram restartServer(Wiring wiring);
}
