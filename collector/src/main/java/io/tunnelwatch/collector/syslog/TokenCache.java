package io.tunnelwatch.collector.syslog;

/**
 * Hands out one shared {@code String} per recently seen token (facility, mnemonic, {@code FAC-SEV-MNEM}) instead
 * of a new substring per line. A fleet logs a few dozen distinct mnemonics, so nearly every lookup hits: no
 * allocation, and a string whose hash is already cached for the catalog's map lookups. A direct-mapped table of
 * fixed size, so a flood of made-up mnemonics only evicts entries and never grows it. Safe for concurrent event
 * loops without locks: entries are immutable strings, a racing writer at worst replaces an equal entry.
 */
final class TokenCache {

    private static final int SLOTS = 512;

    private final String[] slots = new String[SLOTS];

    /** {@code s.substring(from, to)}, shared when the same text was seen recently. */
    String intern(String s, int from, int to) {
        int hash = 0;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + s.charAt(i);
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        String cached = slots[slot];
        int length = to - from;
        if (cached != null && cached.length() == length && s.regionMatches(from, cached, 0, length)) {
            return cached;
        }
        String token = s.substring(from, to);
        slots[slot] = token;
        return token;
    }
}
