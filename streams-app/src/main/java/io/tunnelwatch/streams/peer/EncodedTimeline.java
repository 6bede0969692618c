package io.tunnelwatch.streams.peer;

import java.time.DateTimeException;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * A timeline read from a binary state and kept as its section ({@link TimelineCodec}) until someone reads it: most
 * inputs of a peer leave its timeline alone, so the state decoded for them does not build its milestones, and the
 * state written after them copies the section as it was. Immutable, like the state's other lists; the first read
 * decodes it (a race decodes it twice, to equal lists).
 */
final class EncodedTimeline extends AbstractList<Milestone> implements RandomAccess {

    private final byte[] section;
    private volatile List<Milestone> milestones;

    /** A section that {@link TimelineCodec#verify} accepted. */
    EncodedTimeline(byte[] section) {
        this.section = section;
    }

    /** The section as read; written back as it is. */
    byte[] section() {
        return section;
    }

    boolean isDecoded() {
        return milestones != null;
    }

    private List<Milestone> milestones() {
        List<Milestone> decoded = milestones;
        if (decoded == null) {
            try {
                decoded = List.copyOf(TimelineCodec.decode(section));
            } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
                // The checksum matched, so this build wrote what it cannot read: a bug, not bad input.
                throw new IllegalStateException("a peer timeline this build wrote does not read back: "
                        + e.getMessage(), e);
            }
            milestones = decoded;
        }
        return decoded;
    }

    @Override
    public Milestone get(int index) {
        return milestones().get(index);
    }

    @Override
    public int size() {
        return milestones().size();
    }

    /** The same section is the same timeline, read or not; anything else compares milestone by milestone. */
    @Override
    public boolean equals(Object o) {
        if (o == this || o instanceof EncodedTimeline other && Arrays.equals(section, other.section)) {
            return true;
        }
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
