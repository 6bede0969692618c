package io.tunnelwatch.collector.parse;

import io.tunnelwatch.collector.cache.FourWayTable;

/**
 * Hands out one shared {@code String} per recently seen token (facility, mnemonic, {@code FAC-SEV-MNEM}) instead
 * of a new substring per line. A fleet logs a few dozen distinct mnemonics, so nearly every lookup hits: no
 * allocation, and a string whose hash is already cached for the catalog's map lookups. A {@link FourWayTable}, so two
 * busy tokens that hash to the same set do not evict each other on every line (a direct-mapped table did:
 * {@code UPDOWN} and {@code IKMP_MODE_FAILURE} shared a slot), and a flood of made-up mnemonics only evicts entries
 * and never grows it. Safe for concurrent event loops without locks: entries are immutable strings, a racing writer
 * at worst replaces or duplicates an equal entry.
 */
final class TokenCache {

    private static final int SLOTS = 1024;

    private final FourWayTable<String> table = new FourWayTable<>(SLOTS);

    /** {@code s.substring(from, to)}, shared when the same text was seen recently. */
    String intern(String s, int from, int to) {
        int hash = 0;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + s.charAt(i);
        }
        int set = table.set(hash);
        int length = to - from;
        for (int slot = set; slot < set + FourWayTable.WAYS; slot++) {
            String cached = table.candidate(slot, hash);
            if (cached != null && cached.length() == length && s.regionMatches(from, cached, 0, length)) {
                return cached;
            }
        }
        String token = s.substring(from, to);
        table.putNewest(set, hash, token);
        return token;
    }
}
