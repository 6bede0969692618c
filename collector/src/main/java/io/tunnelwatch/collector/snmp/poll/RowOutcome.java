package io.tunnelwatch.collector.snmp.poll;

/** How one cipSecTunnelTable row's delta was reached; each is a bounded label for tests, logs and metrics. */
public enum RowOutcome {
    /** No earlier walk of the device: the row sets the baseline and contributes no delta. */
    BASELINE,
    /** Same SA as at the previous walk, every counter at or above its previous value. */
    CONTINUED,
    /** Same SA, and at least one Counter32 went down by an amount a 2^32 wrap explains. */
    WRAPPED,
    /** A row that appeared (or replaced another at the same index) since the previous walk: full value counted. */
    NEW,
    /** A row that claims to be older than the previous walk, or whose value is beyond any plausible rate: no delta. */
    UNTRUSTED
}
