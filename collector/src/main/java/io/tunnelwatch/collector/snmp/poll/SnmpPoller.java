package io.tunnelwatch.collector.snmp.poll;

import io.micrometer.core.instrument.MeterRegistry;
import io.tunnelwatch.collector.metrics.RateLimitedLog;
import io.tunnelwatch.collector.net.PeerAddresses;
import io.tunnelwatch.collector.sink.CounterSink;
import io.tunnelwatch.collector.sink.EventSink;
import io.tunnelwatch.collector.sink.PublishOutcome;
import io.tunnelwatch.collector.snmp.SnmpClient;
import io.tunnelwatch.collector.snmp.SnmpDevice;
import io.tunnelwatch.collector.snmp.SnmpPollException;
import io.tunnelwatch.collector.snmp.TableRow;
import io.tunnelwatch.collector.snmp.TunnelIndex;
import io.tunnelwatch.collector.snmp.TunnelInterface;
import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.TunnelEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls each device on its own schedule (interval, jitter on every poll, timeout, retries): walks
 * cikeTunnelTable, cipSecTunnelTable, the tunnel interfaces, the IP SLA operations and the failure tables
 * concurrently, turns IP SLA results into underlay events ({@link SlaProbeWatch}) and new failure-table rows into
 * negotiation failures ({@link FailureTableWatch}), turns the walk into one
 * {@link CounterSample} per peer ({@link DeviceCounterTracker}) and refreshes the {@link TunnelIndex} the trap
 * receiver resolves indices with. At most {@code maxInFlight} polls run at once across devices, and never two of
 * one device: a tick that finds either limit reached is skipped and counted, not queued, so a slow network cannot
 * pile up requests.
 */
public final class SnmpPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SnmpPoller.class);

    private final SnmpClient client;
    private final CounterSink sink;
    private final EventSink probeEvents;
    private final TunnelIndex tunnelIndex;
    private final Clock clock;
    private final CounterLimits limits;
    private final Semaphore inFlight;
    private final PollMeters meters;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tunnelwatch-snmp-poller");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, DeviceState> devices = new ConcurrentHashMap<>();
    private final RateLimitedLog rateLimitedLog = new RateLimitedLog(LOG, Duration.ofSeconds(10));

    public SnmpPoller(SnmpClient client, CounterSink sink, TunnelIndex tunnelIndex, Clock clock,
                      CounterLimits limits, int maxInFlight, MeterRegistry registry) {
        this(client, sink, event -> PublishOutcome.QUEUED, tunnelIndex, clock, limits, maxInFlight, registry);
    }

    /** @param probeEvents where the IP SLA results' underlay events go ({@link SlaProbeWatch}) */
    public SnmpPoller(SnmpClient client, CounterSink sink, EventSink probeEvents, TunnelIndex tunnelIndex,
                      Clock clock, CounterLimits limits, int maxInFlight, MeterRegistry registry) {
        this.client = client;
        this.sink = sink;
        this.probeEvents = probeEvents;
        this.tunnelIndex = tunnelIndex;
        this.clock = clock;
        this.limits = limits;
        this.inFlight = new Semaphore(maxInFlight);
        this.meters = new PollMeters(registry);
    }

    /**
     * Schedules every device on a fixed grid of its interval, each poll at a fresh random offset within its jitter,
     * so devices that started together do not stay in step and no device drifts.
     */
    public void start(List<SnmpDevice> toPoll) {
        long origin = System.nanoTime();
        for (SnmpDevice device : toPoll) {
            scheduleTick(device, origin, 0);
        }
    }

    private void scheduleTick(SnmpDevice device, long origin, long tick) {
        long due = dueNanos(origin, tick, device.schedule(), ThreadLocalRandom.current()::nextLong);
        try {
            scheduler.schedule(() -> {
                try {
                    pollOnce(device);
                } finally {
                    scheduleTick(device, origin, tick + 1);
                }
            }, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // close() stops the schedule
        }
    }

    /** When poll {@code tick} of a device is due: origin + tick × interval + a random part of the jitter. */
    static long dueNanos(long origin, long tick, SnmpDevice.Schedule schedule, LongUnaryOperator randomBelow) {
        long jitter = schedule.jitter().toNanos();
        return origin + tick * schedule.interval().toNanos() + (jitter <= 0 ? 0 : randomBelow.applyAsLong(jitter));
    }

    /** Polls one device now, unless a limit says skip; completes when its samples are handed to the sink. */
    public CompletableFuture<List<CounterSample>> pollOnce(SnmpDevice device) {
        DeviceState state = devices.computeIfAbsent(device.name(), name -> new DeviceState(
                new DeviceCounterTracker(name, device.expectedPeers(), limits), new SlaProbeWatch(name),
                new FailureTableWatch(name)));
        if (!state.busy.compareAndSet(false, true)) {
            meters.poll("skipped_busy");
            return CompletableFuture.completedFuture(List.of());
        }
        if (!inFlight.tryAcquire()) {
            state.busy.set(false);
            meters.poll("skipped_busy");
            return CompletableFuture.completedFuture(List.of());
        }
        meters.inFlight.incrementAndGet();
        long started = System.nanoTime();
        var ike = client.walkTable(device, PolledColumns.IKE_TUNNEL_COLUMNS);
        var sa = client.walkTable(device, PolledColumns.IPSEC_TUNNEL_COLUMNS);
        var ifs = client.walkTable(device, PolledColumns.INTERFACE_COLUMNS);
        var sla = client.walkTable(device, PolledColumns.SLA_COLUMNS);
        var ikeFail = client.walkTable(device, PolledColumns.IKE_FAILURE_COLUMNS);
        var ipsecFail = client.walkTable(device, PolledColumns.IPSEC_FAILURE_COLUMNS);
        return CompletableFuture.allOf(ike, sa, ifs, sla, ikeFail, ipsecFail)
                .handle((ignored, failure) -> {
                    try {
                        meters.duration.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                        return failure == null
                                ? answered(device, state, new Walk(ike.join(), sa.join(), ifs.join(), sla.join(),
                                        ikeFail.join(), ipsecFail.join()))
                                : unanswered(device, state, failure);
                    } finally {
                        meters.inFlight.decrementAndGet();
                        inFlight.release();
                        state.busy.set(false);
                    }
                });
    }

    /** The tables one poll walked. */
    private record Walk(List<TableRow> ike, List<TableRow> sa, List<TableRow> ifs, List<TableRow> sla,
                        List<TableRow> ikeFailures, List<TableRow> ipsecFailures) {
    }

    private List<CounterSample> answered(SnmpDevice device, DeviceState state, Walk walk) {
        List<TableRow> ikeTable = walk.ike();
        List<TableRow> saTable = walk.sa();
        List<TableRow> ifTable = walk.ifs();
        List<TableRow> slaTable = walk.sla();
        meters.poll("ok");
        meters.rows("cikeTunnelTable", ikeTable.size());
        meters.rows("cipSecTunnelTable", saTable.size());
        meters.rows("ifTable", ifTable.size());
        meters.rows("rttMonCtrlAdminTable", slaTable.size());
        meters.rows(FailureTableWatch.IKE_TABLE, walk.ikeFailures().size());
        meters.rows(FailureTableWatch.IPSEC_TABLE, walk.ipsecFailures().size());
        List<IkeRow> ikeRows = TunnelTables.ikeRows(ikeTable);
        List<SaRow> saRows = TunnelTables.saRows(saTable);
        Map<Integer, String> ipsecPeers = new HashMap<>();
        saRows.forEach(row -> ipsecPeers.put(row.tunIndex(), row.peer()));
        Map<Integer, String> ikePeers = new HashMap<>();
        ikeRows.forEach(row -> ikePeers.put(row.ikeTunIndex(), row.peer()));
        List<TunnelInterface> tunnels = TunnelTables.tunnelInterfaces(ifTable);
        tunnelIndex.update(device.name(), ipsecPeers, ikePeers, tunnels);
        Map<String, String> holders = TunnelTables.addressHolders(ifTable);
        Set<String> own = new HashSet<>(holders.keySet());
        own.add(PeerAddresses.canonical(device.address().getHostAddress()));
        List<CounterSample> samples;
        List<TunnelEvent> probes;
        List<TunnelEvent> failures;
        Instant now = clock.instant();
        String source = device.address().getHostAddress();
        synchronized (state) {
            samples = state.tracker.onWalk(new DeviceWalk(now, ikeRows, saRows));
            probes = state.probes.onPoll(TunnelTables.slaProbes(slaTable), source, now);
            failures = state.failures.onPoll(TunnelTables.ikeFailures(walk.ikeFailures()),
                    TunnelTables.ipsecFailures(walk.ipsecFailures(), saRows, own), source, now, this::countFailure);
        }
        offerAll(probes, "IP SLA");
        offerAll(failures, "failure-table");
        return handOver(withTunnelFacts(samples, tunnels, ikeRows, holders));
    }

    private void offerAll(List<TunnelEvent> events, String what) {
        for (TunnelEvent e : events) {
            if (probeEvents.offer(e) != PublishOutcome.QUEUED) {
                rateLimitedLog.warn("poll_event_dropped", "{} event for {} dropped: {}", what, e.key(), "sink full");
            }
        }
    }

    private void countFailure(String table, String reason, FailureTableWatch.Outcome outcome) {
        meters.failure(table, reason, outcome);
        if (outcome == FailureTableWatch.Outcome.NO_PEER) {
            rateLimitedLog.warn("failure_row_no_peer", "A {} row ({}) names no peer: counted, not tied to a tunnel",
                    table, reason);
        }
    }

    /**
     * Each sample with the ifMtu, the name and the source interface of the tunnel interface whose remote endpoint is
     * its peer, when there is one; a peer reached without a tunnel interface (crypto map) gets the interface holding
     * the local address of its IKE SA (cikeTunLocalAddr) as its source interface.
     */
    private static List<CounterSample> withTunnelFacts(List<CounterSample> samples, List<TunnelInterface> tunnels,
                                                       List<IkeRow> ikeRows, Map<String, String> holders) {
        Map<String, TunnelInterface> byPeer = new HashMap<>();
        for (TunnelInterface tunnel : tunnels) {
            if (tunnel.remote() != null) {
                byPeer.putIfAbsent(tunnel.remote(), tunnel);
            }
        }
        Map<String, String> ikeSource = new HashMap<>();
        for (IkeRow row : ikeRows) {
            if (row.local() != null && holders.containsKey(row.local())) {
                ikeSource.putIfAbsent(row.peer(), holders.get(row.local()));
            }
        }
        if (byPeer.isEmpty() && ikeSource.isEmpty()) {
            return samples;
        }
        List<CounterSample> out = new ArrayList<>(samples.size());
        for (CounterSample sample : samples) {
            TunnelInterface t = byPeer.get(sample.peer());
            String ikeSourceOf = ikeSource.get(sample.peer());
            if (t != null) {
                out.add(sample.withTunnelMtu(t.mtu()).withInterfaces(t.name(),
                        t.source() != null ? t.source() : ikeSourceOf));
            } else {
                out.add(ikeSourceOf == null ? sample : sample.withInterfaces(null, ikeSourceOf));
            }
        }
        return out;
    }

    private List<CounterSample> unanswered(SnmpDevice device, DeviceState state, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String reason = cause instanceof SnmpPollException e ? e.reason() : "error";
        meters.poll(reason);
        rateLimitedLog.warn("poll_" + reason, "SNMP poll of {} ({}) failed: {}", device.name(),
                device.address().getHostAddress(), cause.getMessage());
        List<CounterSample> samples;
        synchronized (state) {
            samples = state.tracker.onNoAnswer(clock.instant());
        }
        return handOver(samples);
    }

    private List<CounterSample> handOver(List<CounterSample> samples) {
        for (CounterSample sample : samples) {
            if (!sink.offer(sample)) {
                meters.samplesDropped.increment();
                rateLimitedLog.warn("sample_dropped", "Counter sample for {} dropped: sink full", sample.key());
            }
        }
        return samples;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private static final class DeviceState {
        final DeviceCounterTracker tracker;
        final SlaProbeWatch probes;
        final FailureTableWatch failures;
        final AtomicBoolean busy = new AtomicBoolean();

        DeviceState(DeviceCounterTracker tracker, SlaProbeWatch probes, FailureTableWatch failures) {
            this.tracker = tracker;
            this.probes = probes;
            this.failures = failures;
        }
    }
}
