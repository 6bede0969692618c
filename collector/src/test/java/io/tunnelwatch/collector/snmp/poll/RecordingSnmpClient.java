package io.tunnelwatch.collector.snmp.poll;

import io.tunnelwatch.collector.snmp.SnmpClient;
import io.tunnelwatch.collector.snmp.SnmpDevice;
import io.tunnelwatch.collector.snmp.SnmpPollException;
import io.tunnelwatch.collector.snmp.TableRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A fake {@link SnmpClient}: answers each table walk from a script and records which columns were asked. */
final class RecordingSnmpClient implements SnmpClient {

    final List<List<String>> requests = new ArrayList<>();
    private final Map<String, List<TableRow>> answers = new HashMap<>();
    private SnmpPollException failure;

    /** Answers walks whose first column is {@code firstColumn} with {@code rows}. */
    void answer(String firstColumn, List<TableRow> rows) {
        answers.put(firstColumn, rows);
        failure = null;
    }

    void failWith(SnmpPollException e) {
        failure = e;
    }

    @Override
    public synchronized CompletableFuture<List<TableRow>> walkTable(SnmpDevice device, List<String> columns) {
        requests.add(columns);
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        return CompletableFuture.completedFuture(answers.getOrDefault(columns.get(0), List.of()));
    }

    @Override
    public CompletableFuture<Object> get(SnmpDevice device, String oid) {
        return CompletableFuture.failedFuture(new SnmpPollException("error", "not recorded: GET " + oid));
    }

    @Override
    public void close() {
    }
}
