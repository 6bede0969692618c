package io.tunnelwatch.collector.catalog;

import io.tunnelwatch.collector.cache.FourWayTable;
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
 * <p>A {@link FourWayTable} of 16,384 slots, shared by every event loop without locks: a few thousand texts that come
 * round again and again all stay (docs/performance.md has why four ways and not two). Each slot's hash is kept beside
 * it, so a lookup reads one cache line of hashes and only the entry whose hash is equal. Texts longer than
 * {@link #MAX_TEXT_LENGTH} are not kept, which bounds the memory to about {@code SLOTS × (MAX_TEXT_LENGTH + a read)},
 * under 14 MiB (typical texts are about 100 characters: about 6 MiB).
 */
final class RecentMatches {

    static final int SLOTS = 16_384;
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

    private final FourWayTable<Entry> table = new FourWayTable<>(SLOTS);

    /** The remembered read of this message; else {@code read}'s answer, remembered when the text is short enough. */
    Optional<CatalogMatch> readThrough(String facility, String mnemonic, String text,
                                       Supplier<Optional<CatalogMatch>> read) {
        if (text.length() > MAX_TEXT_LENGTH) {
            return read.get();
        }
        int h = hash(mnemonic, text);
        int set = table.set(h);
        for (int slot = set; slot < set + FourWayTable.WAYS; slot++) {
            Entry e = table.candidate(slot, h);
            if (e != null && e.matches(facility, mnemonic, text)) {
                return e.read;
            }
        }
        Optional<CatalogMatch> answer = read.get();
        table.putNewest(set, h, new Entry(facility, mnemonic, text, answer));
        return answer;
    }

    /**
     * A hash of the text eight bytes at a time (its low bytes, copied into a per-thread buffer), not
     * {@code String.hashCode}: that one is a chain of one multiply per char, a visible part of a busy event loop
     * (docs/performance.md#why-the-hot-path-looks-as-it-does). Chars above U+00FF lose their high byte here, which only makes texts share a set;
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
}
