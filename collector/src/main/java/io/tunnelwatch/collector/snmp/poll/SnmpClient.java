package io.tunnelwatch.collector.snmp.poll;

import io.tunnelwatch.collector.snmp.SnmpDevice;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The only way the poller talks SNMP: walk some columns of one table of one device. Real SNMP4J in production
 * ({@link Snmp4jClient}), a recording fake in tests. The future fails with {@link SnmpPollException} when the
 * device does not answer or answers with an error.
 */
public interface SnmpClient extends AutoCloseable {

    CompletableFuture<List<TableRow>> walkTable(SnmpDevice device, List<String> columnOids);

    @Override
    void close();
}
