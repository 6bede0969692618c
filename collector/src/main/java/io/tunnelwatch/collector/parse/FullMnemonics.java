package io.tunnelwatch.collector.parse;

import io.tunnelwatch.collector.cache.FourWayTable;

/**
 * {@code FACILITY-SEVERITY-MNEMONIC} strings, built once per recent combination rather than concatenated for every
 * event (docs/performance.md#why-the-hot-path-looks-as-it-does). A {@link FourWayTable} shared by every event loop, lock-free: an entry
 * is an immutable triple, compared by content.
 */
final class FullMnemonics {

    private static final int SLOTS = 1024;

    private record Entry(String facility, int severity, String mnemonic, String full) {
    }

    private static final FourWayTable<Entry> TABLE = new FourWayTable<>(SLOTS);

    private FullMnemonics() {
    }

    static String of(String facility, int severity, String mnemonic) {
        int hash = (facility.hashCode() * 31 + severity) * 31 + mnemonic.hashCode();
        int set = TABLE.set(hash);
        for (int slot = set; slot < set + FourWayTable.WAYS; slot++) {
            Entry e = TABLE.candidate(slot, hash);
            if (e != null && e.severity == severity && e.facility.equals(facility) && e.mnemonic.equals(mnemonic)) {
                return e.full;
            }
        }
        String full = facility + "-" + severity + "-" + mnemonic;
        TABLE.putNewest(set, hash, new Entry(facility, severity, mnemonic, full));
        return full;
    }
}
