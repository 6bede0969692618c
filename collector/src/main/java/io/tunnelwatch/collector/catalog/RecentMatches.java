package io.tunnelwatch.collector.catalog;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the catalog read from the last few thousand distinct message texts, so a text seen again costs a hash and a
 * comparison instead of the catalog's regular expressions.
 *
 * <p>Why it pays: a router repeats itself. The lines that come in floods are the same text again and again: an
 * invalid-SPI or replay storm from one peer, IKE retries with no SA, {@code debug crypto} state lines, a flapping
 * session's UP/DOWN. A read depends on the facility, the mnemonic and the text alone ({@link MessageCatalog} is a
 * pure function of them), so a remembered read is exactly the read the catalog would make again.
 *
 * <p>Four-way set-associative over 16,384 slots: a text may sit in any of the four slots of its set; a new text takes a
 * free one, else one its hash picks. No eviction bookkeeping on the hot path, and a few thousand texts that come
 * round again and again all stay (with two ways, 2,000 texts in rotation still missed 5% of the time, and a miss,
 * being rare, runs cold: a tenth of the event loop's time went to those 5%). Each slot's hash is kept in an int array
 * beside it, so a lookup reads one cache line of hashes and only the entry whose hash is equal.
 *
 * <p>Shared by every event loop without locks: a slot holds one immutable entry (final fields, so a reader on another
 * thread sees it whole), and an entry is always compared in full, so a torn hash/entry pair or a lost race only
 * means one more miss. Texts longer than {@link #MAX_TEXT_LENGTH} are not kept, which bounds the memory to about
 * {@code SLOTS × (MAX_TEXT_LENGTH + a read)}, under 14 MiB (typical texts are about 100 characters: about 6 MiB).
 */
final class RecentMatches {

    static final int WAYS = 4;
    static final int SETS = 4096;
    static final int SLOTS = WAYS * SETS;
    static final int MAX_TEXT_LENGTH = 512;

    private static final long MIX = 0x9E3779B97F4A7C15L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final ThreadLocal<byte[]> SCRATCH =
            ThreadLocal.withInitial(() -> new byte[MAX_TEXT_LENGTH]);

    private record Entry(String facility, String mnemonic, String text, Optional<CatalogMatch> read) {
        boolean matches(String f, String m, String t) {
            return text.equals(t) && mnemonic.equals(m) && facility.equals(f);
        }
    }

    private final int[] hashes = new int[SLOTS];
    private final Entry[] entries = new Entry[SLOTS];

    /** The remembered read of this message; else {@code read}'s answer, remembered when the text is short enough. */
    Optional<CatalogMatch> readThrough(String facility, String mnemonic, String text,
                                       Supplier<Optional<CatalogMatch>> read) {
        if (text.length() > MAX_TEXT_LENGTH) {
            return read.get();
        }
        int h = hash(mnemonic, text);
        int base = firstSlot(h);
        for (int slot = base; slot < base + WAYS; slot++) {
            if (hashes[slot] == h) {
                Entry e = entries[slot];
                if (e != null && e.matches(facility, mnemonic, text)) {
                    return e.read;
                }
            }
        }
        Optional<CatalogMatch> answer = read.get();
        int victim = base + ((h >>> 28) & (WAYS - 1));
        for (int slot = base; slot < base + WAYS; slot++) {
            if (entries[slot] == null) {
                victim = slot;
                break;
            }
        }
        entries[victim] = new Entry(facility, mnemonic, text, answer);
        hashes[victim] = h;
        return answer;
    }

    /**
     * A hash of the text eight bytes at a time (its low bytes, copied into a per-thread buffer), not
     * {@code String.hashCode}: that one is a chain of one multiply per char and was a tenth of a busy event loop;
     * this is 2–3 times cheaper. Chars above U+00FF lose their high byte here, which only makes texts share a set;
     * entries are always compared in full.
     */
    @SuppressWarnings("deprecation")
    private static int hash(String mnemonic, String text) {
        int n = text.length();
        byte[] bytes = SCRATCH.get();
        text.getBytes(0, n, bytes, 0);
        long h = n * 31L + mnemonic.hashCode();
        int i = 0;
        for (; i + Long.BYTES <= n; i += Long.BYTES) {
            h = (h ^ (long) LONGS.get(bytes, i)) * MIX;
            h ^= h >>> 29;
        }
        for (; i < n; i++) {
            h = (h ^ bytes[i]) * MIX;
        }
        h ^= h >>> 32;
        return (int) (h ^ (h >>> 16));
    }

    private static int firstSlot(int hash) {
        return (hash & (SETS - 1)) * WAYS;
    }
}
