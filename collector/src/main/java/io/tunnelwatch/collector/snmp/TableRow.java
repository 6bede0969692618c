package io.tunnelwatch.collector.snmp;

import java.util.Map;

/**
 * One row of a walked SNMP table, free of SNMP library types: the instance index (the OID suffix after the column,
 * dotted) and the cells by column OID. A cell is a {@link Long} for INTEGER, Counter32/64, Gauge32 and TimeTicks,
 * a {@code byte[]} for OCTET STRING and IpAddress; a column the agent did not return is absent.
 */
public record TableRow(String index, Map<String, Object> cells) {

    public TableRow {
        cells = Map.copyOf(cells);
    }

    /** The numeric cell of {@code column}, or {@code fallback} when absent or not a number. */
    public long number(String column, long fallback) {
        return cells.get(column) instanceof Long n ? n : fallback;
    }

    /** The numeric cell of {@code column}, or null. */
    public Long numberOrNull(String column) {
        return cells.get(column) instanceof Long n ? n : null;
    }

    /** The octet-string cell of {@code column}, or null. */
    public byte[] bytes(String column) {
        return cells.get(column) instanceof byte[] b ? b : null;
    }
}
