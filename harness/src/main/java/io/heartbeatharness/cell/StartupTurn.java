package io.heartbeatharness.cell;

/**
 * One cell's turn at {@link CellAdmission#startProcesses()}: taken when it starts its first process, given back once
 * its connection works, its fault starts or it ends.
 */
final class StartupTurn {
    private CellAdmission.Ticket ticket;

    /** Waits, if another cell is starting its processes, until it is done; a no-op while this cell has the turn. */
    void take() {
        synchronized (this) {
            if (ticket != null) {
                return;
            }
        }
        // Waited for outside the monitor: nothing else of this cell is kept waiting on it meanwhile.
        CellAdmission.Ticket mine = CellAdmission.startProcesses();
        synchronized (this) {
            if (ticket == null) {
                ticket = mine;
                return;
            }
        }
        mine.close();
    }

    /** Gives the turn back, if this cell has it. */
    synchronized void release() {
        if (ticket != null) {
            ticket.close();
            ticket = null;
        }
    }
}
