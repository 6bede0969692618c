package io.tunnelwatch.collector.snmp.poll;

/**
 * One row of a router's failure tables as a poll read it: cikeFailTable (phase 1) or cipSecFailTable (phase 2).
 *
 * @param index  cikeFailIndex / cipSecFailIndex: from 1, one more per failure
 * @param reason cikeFailReason / cipSecFailReason (0 when absent)
 * @param peer   the far end (canonical address), or null when the row does not say
 */
public record FailureRow(int index, int reason, String peer) {
}
