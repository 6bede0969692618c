package io.tunnelwatch.collector.snmp.poll;

/**
 * One IP SLA operation of a router as the last poll read it.
 *
 * @param index  rttMonCtrlAdminIndex, the {@code ip sla N} number
 * @param target the probe's target address (canonical), which names the peer it watches the underlay of
 * @param tag    rttMonCtrlAdminTag, free text; may be empty
 * @param sense  rttMonLatestRttOperSense of the last probe (RttResponseSense; 0 when absent)
 */
public record SlaProbe(int index, String target, String tag, int sense) {
}
