package io.tunnelwatch.collector.cache;

/**
 * A fixed table of 4-way sets: the one shape behind the collector's hot-path memories (recent keys, catalog reads,
 * tokens, full mnemonics). An entry may sit in any of the four slots of the set its hash picks; a new entry goes
 * first in its set and the set's oldest falls out. It never grows, so a flood of new texts only evicts; and with four
 * ways, a few busy entries that share a set do not evict each other on every line (a direct-mapped table did:
 * docs/performance.md).
 *
 * <p>Callers look up in two steps, so the hot path allocates nothing and needs no key object: {@link #set} gives the
 * first slot of a hash's set, {@link #candidate} the entry of one slot when its hash is equal, and the caller compares
 * that entry with what it looks for in full:
 *
 * <pre>{@code
 * int set = table.set(hash);
 * for (int slot = set; slot < set + FourWayTable.WAYS; slot++) {
 *     Entry e = table.candidate(slot, hash);
 *     if (e != null && e.matches(...)) { return e; }
 * }
 * table.putNewest(set, hash, new Entry(...));
 * }</pre>
 *
 * <p>Shared by threads without locks: entries must be immutable (final fields, so a reader on another thread sees
 * one whole) and are always compared in full, so a torn hash/entry pair or a lost race only means one more miss.
 */
public final class FourWayTable<E> {

    public static final int WAYS = 4;

    private final int[] hashes;
    private final Object[] entries;
    private final int setMask;

    /** @param slots the number of entries, a power of two and at least {@link #WAYS} */
    public FourWayTable(int slots) {
        if (slots < WAYS || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two of at least " + WAYS + ", was " + slots);
        }
        this.hashes = new int[slots];
        this.entries = new Object[slots];
        this.setMask = slots / WAYS - 1;
    }

    /** The first slot of the set {@code hash} picks (its high bits folded in, so a weak hash still spreads). */
    public int set(int hash) {
        return ((hash ^ (hash >>> 16)) & setMask) * WAYS;
    }

    /** The entry in {@code slot} when it was put with {@code hash}, else null. */
    @SuppressWarnings("unchecked")
    public E candidate(int slot, int hash) {
        return hashes[slot] == hash ? (E) entries[slot] : null;
    }

    /** Puts {@code entry} first in the set starting at {@code set}; the set's oldest entry falls out. */
    public void putNewest(int set, int hash, E entry) {
        System.arraycopy(hashes, set, hashes, set + 1, WAYS - 1);
        System.arraycopy(entries, set, entries, set + 1, WAYS - 1);
        // the entry before its hash: a reader that sees the new hash with the old entry only misses
        entries[set] = entry;
        hashes[set] = hash;
    }

    /** Replaces the entry of {@code slot} by one with the same hash (an updated value for the same key). */
    public void replace(int slot, E entry) {
        entries[slot] = entry;
    }

    /** The number of entries the table holds at most. */
    public int slots() {
        return entries.length;
    }
}
