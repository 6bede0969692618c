package io.tunnelwatch.streams.verdict;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Supplier;

/**
 * A finding's evidence lines, built when first read. A finding is asked for on every input while its condition
 * holds, but its lines are read only when an alert record is written (opened, updated, resolved), and building them
 * formats times and copies texts (docs/performance.md#lazy-evidence). Read on the stream thread only.
 */
final class DeferredLines extends AbstractList<String> implements RandomAccess {

    private Supplier<List<String>> source;
    private List<String> lines;

    DeferredLines(Supplier<List<String>> source) {
        this.source = source;
    }

    private List<String> lines() {
        if (lines == null) {
            lines = List.copyOf(source.get());
            source = null;
        }
        return lines;
    }

    @Override
    public String get(int index) {
        return lines().get(index);
    }

    @Override
    public int size() {
        return lines().size();
    }
}
