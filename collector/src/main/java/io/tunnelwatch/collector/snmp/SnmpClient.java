package io.tunnelwatch.collector.snmp;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The only way the poller (and the trap receiver's lookups) talk SNMP: walk some columns of one table of one device,
 * or GET one object. Real SNMP4J in production ({@code Snmp4jClient}), a recording fake in tests. The future fails
 * with {@link SnmpPollException} when the device does not answer or answers with an error.
 */
public interface SnmpClient extends AutoCloseable {

    CompletableFuture<List<TableRow>> walkTable(SnmpDevice device, List<String> columnOids);

    /** One object's value as a {@link TableRow} cell (Long or byte[]); null when the agent has no such instance. */
    CompletableFuture<Object> get(SnmpDevice device, String oid);

    @Override
    void close();
}
