package io.heartbeatharness.cli;

import io.heartbeatharness.run.Backends;

import java.util.Iterator;

/** The backend ids, for {@code --backend}'s help text. */
final class BackendNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Backends.ids().iterator();
    }
}
