package io.tunnelwatch.collector.snmp.poll;

import io.tunnelwatch.collector.snmp.Snmp4jSecurity;
import io.tunnelwatch.collector.snmp.SnmpClient;
import io.tunnelwatch.collector.snmp.SnmpDevice;
import io.tunnelwatch.collector.snmp.SnmpPollException;
import io.tunnelwatch.collector.snmp.TableRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.USM;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.snmp4j.util.DefaultPDUFactory;
import org.snmp4j.util.TableEvent;
import org.snmp4j.util.TableListener;
import org.snmp4j.util.TableUtils;

/**
 * {@link SnmpClient} on SNMP4J: asynchronous GETBULK table walks ({@link TableUtils}) over one UDP socket shared by
 * every device. SNMPv3 users live in this client's own USM (not the JVM-wide singleton), each localized to its
 * device's authoritative engine ID ({@link AuthoritativeEngines}), so devices may share a user name with different
 * passphrases; requests name that engine ID explicitly.
 */
public final class Snmp4jClient implements SnmpClient {

    /** Rows per GETBULK when a table's size is not known yet. */
    static final int FIRST_REPETITIONS = 20;
    /** Bound on the rows one GETBULK asks for: 16 columns × 50 rows still fit one datagram. */
    static final int MAX_REPETITIONS = 50;

    private final Snmp snmp;
    private final AuthoritativeEngines engines;
    /** Rows each (device, table) had at its last walk, keyed "device|first column". */
    private final Map<String, Integer> lastRowCounts = new ConcurrentHashMap<>();

    public Snmp4jClient() {
        try {
            snmp = new Snmp(new DefaultUdpTransportMapping());
            USM usm = new USM(Snmp4jSecurity.protocols(),
                    new OctetString(MPv3.createLocalEngineID()), 0);
            SecurityModels models = SecurityModels.getCollection(new org.snmp4j.security.SecurityModel[] {usm});
            ((MPv3) snmp.getMessageProcessingModel(MPv3.ID)).setSecurityModels(models);
            snmp.listen();
            engines = new AuthoritativeEngines(snmp, usm);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the SNMP poller socket", e);
        }
    }

    @Override
    public CompletableFuture<List<TableRow>> walkTable(SnmpDevice device, List<String> columnOids) {
        return withTarget(device, (target, engine) -> {
            var collecting = new Collecting(columnOids);
            if (engine != null) {
                collecting.result.whenComplete((rows, failure) ->
                        engines.walked(engine, failure, collecting.reportOid));
            }
            return walk(device, target, collecting);
        });
    }

    @Override
    public CompletableFuture<Object> get(SnmpDevice device, String oid) {
        return withTarget(device, (target, engine) ->
                getOne(device, target, engine != null ? new ScopedPDU() : new PDU(), oid));
    }

    /**
     * Runs {@code request} against the device's target: v2c with its community, v3 with its user once its
     * authoritative engine ID is known (the engine is passed along, null for v2c).
     */
    private <T> CompletableFuture<T> withTarget(SnmpDevice device,
            BiFunction<Target<UdpAddress>, AuthoritativeEngines.Engine, CompletableFuture<T>> request) {
        var address = new UdpAddress(device.address(), device.port());
        if (device.credentials() instanceof SnmpDevice.V3 v3) {
            AuthoritativeEngines.Engine engine = engines.engineOf(device, v3, address);
            return engine.id().thenCompose(engineId -> {
                var target = new UserTarget<>(address, new OctetString(v3.user()), engineId.getValue(),
                        Snmp4jSecurity.securityLevel(v3));
                target.setVersion(SnmpConstants.version3);
                return request.apply(target, engine);
            });
        }
        var community = new CommunityTarget<>(address, new OctetString(((SnmpDevice.V2c) device.credentials())
                .community()));
        community.setVersion(SnmpConstants.version2c);
        return request.apply(community, null);
    }

    private CompletableFuture<Object> getOne(SnmpDevice device, Target<UdpAddress> target, PDU pdu, String oid) {
        target.setTimeout(device.schedule().timeout().toMillis());
        target.setRetries(device.schedule().retries());
        pdu.setType(PDU.GET);
        pdu.add(new VariableBinding(new OID(oid)));
        CompletableFuture<Object> result = new CompletableFuture<>();
        try {
            snmp.send(pdu, target, null, new ResponseListener() {
                @Override
                public <A extends org.snmp4j.smi.Address> void onResponse(ResponseEvent<A> event) {
                    ((Snmp) event.getSource()).cancel(event.getRequest(), this);
                    PDU response = event.getResponse();
                    if (response == null) {
                        result.completeExceptionally(new SnmpPollException("timeout", "no answer to GET " + oid));
                    } else if (response.getType() == PDU.REPORT || response.getErrorStatus() != 0) {
                        result.completeExceptionally(new SnmpPollException("error", "GET " + oid + ": "
                                + (response.getType() == PDU.REPORT ? "report" : response.getErrorStatusText())));
                    } else {
                        result.complete(response.size() == 0 ? null : cellOf(response.get(0).getVariable()));
                    }
                }
            });
        } catch (IOException e) {
            result.completeExceptionally(new SnmpPollException("error", "GET " + oid + ": " + e.getMessage()));
        }
        return result;
    }

    /**
     * One GETBULK per round asks for every column, and for as many rows as the table had last time plus one, so a
     * table that kept its size is read in one round trip and the extra row shows its end; agents that cannot fit
     * that in one response send fewer rows and the walk simply takes more rounds.
     */
    private CompletableFuture<List<TableRow>> walk(SnmpDevice device, Target<UdpAddress> target,
                                                   Collecting collecting) {
        target.setTimeout(device.schedule().timeout().toMillis());
        target.setRetries(device.schedule().retries());
        String hintKey = device.name() + '|' + collecting.columnKeys[0];
        var tableUtils = new TableUtils(snmp, new DefaultPDUFactory(PDU.GETBULK));
        tableUtils.setMaxNumColumnsPerPDU(collecting.columns.length);
        tableUtils.setMaxNumRowsPerPDU(repetitions(lastRowCounts.get(hintKey)));
        tableUtils.getTable(target, collecting.columns, collecting, null, null, null);
        return collecting.result.whenComplete((rows, failure) -> {
            if (rows != null) {
                lastRowCounts.put(hintKey, rows.size());
            }
        });
    }

    /** Max-repetitions for a walk of a table that had {@code lastRows} rows ({@code null}: not walked yet). */
    static int repetitions(Integer lastRows) {
        return lastRows == null ? FIRST_REPETITIONS : Math.min(MAX_REPETITIONS, lastRows + 1);
    }

    /** Turns SNMP4J values into the library-free cells of {@link TableRow}; exceptions (noSuchObject…) are absent. */
    static Object cellOf(Variable v) {
        if (v == null || v.isException()) {
            return null;
        }
        if (v instanceof Counter64 c) {
            return c.getValue();
        }
        if (v instanceof UnsignedInteger32 u) {
            return u.getValue();
        }
        if (v instanceof Integer32 i) {
            return (long) i.getValue();
        }
        if (v instanceof OctetString s) {
            return s.getValue();
        }
        if (v instanceof org.snmp4j.smi.IpAddress ip) {
            return ip.getInetAddress().getAddress();
        }
        return null;
    }

    @Override
    public void close() {
        engines.close();
        try {
            snmp.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Gathers rows as they arrive and completes the future once, on the last row or the first error; keeps the
     * first varbind of a report (e.g. usmStatsUnknownEngineIDs) for {@link AuthoritativeEngines}.
     */
    private static final class Collecting implements TableListener {
        /** The column OIDs as SNMP4J asks them and as the cells are keyed (dotted text, made once per walk). */
        private final OID[] columns;
        private final String[] columnKeys;
        private final CompletableFuture<List<TableRow>> result = new CompletableFuture<>();
        private final List<TableRow> rows = new ArrayList<>();
        private volatile boolean finished;
        private volatile OID reportOid;

        Collecting(List<String> columnOids) {
            this.columns = columnOids.stream().map(OID::new).toArray(OID[]::new);
            this.columnKeys = Arrays.stream(columns).map(OID::toDottedString).toArray(String[]::new);
        }

        @Override
        public synchronized boolean next(TableEvent event) {
            Map<String, Object> cells = new HashMap<>();
            VariableBinding[] bindings = event.getColumns();
            for (int i = 0; bindings != null && i < bindings.length; i++) {
                Object cell = bindings[i] == null ? null : cellOf(bindings[i].getVariable());
                if (cell != null) {
                    cells.put(columnKeys[i], cell);
                }
            }
            rows.add(new TableRow(event.getIndex().toDottedString(), cells));
            return true;
        }

        @Override
        public synchronized void finished(TableEvent event) {
            finished = true;
            if (event.isError()) {
                String reason = event.getStatus() == TableEvent.STATUS_TIMEOUT ? "timeout"
                        : event.getStatus() == TableEvent.STATUS_REPORT ? "report" : "error";
                String message = event.getErrorMessage();
                PDU report = event.getReportPDU();
                if (report != null && report.size() > 0) {
                    reportOid = report.get(0).getOid();
                    message = message + ": " + reportOid;
                }
                result.completeExceptionally(new SnmpPollException(reason, message));
            } else {
                result.complete(List.copyOf(rows));
            }
        }

        @Override
        public boolean isFinished() {
            return finished;
        }
    }
}
