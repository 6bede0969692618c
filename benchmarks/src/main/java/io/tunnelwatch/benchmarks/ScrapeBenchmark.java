package io.tunnelwatch.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.tunnelwatch.broker.PortProbe;
import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.launcher.health.Readiness;
import io.tunnelwatch.launcher.http.HttpEndpoint;
import io.tunnelwatch.launcher.metrics.KafkaMeterFilter;
import io.tunnelwatch.launcher.metrics.ProcessMeters;
import io.tunnelwatch.launcher.metrics.SecondsPrometheusRegistry;
import io.tunnelwatch.streams.metrics.PeerAlertMetrics;
import io.tunnelwatch.streams.metrics.PeerFactsMetrics;
import io.tunnelwatch.streams.metrics.PeerPhaseMetrics;
import io.tunnelwatch.streams.metrics.PeerTrafficMetrics;
import io.tunnelwatch.streams.metrics.TunnelwatchMeters;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateListener;
import io.tunnelwatch.streams.peer.PeerStateListeners;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.OpenAlert;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * One Prometheus scrape of the streams app at fleet scale. Not JMH: filling the registry is most of the run, and the
 * figure wanted is the time and size of one whole scrape. PEERS peers (100 per device) go through the real
 * per-peer listeners ({@link PeerPhaseMetrics}, {@link PeerTrafficMetrics}, {@link PeerFactsMetrics},
 * {@link PeerAlertMetrics}, as the streams app wires them) into the registry a tunnelwatch process serves
 * ({@link SecondsPrometheusRegistry} with the process's meter filters and JVM/process binders); one peer in
 * 1/ALERT_FRACTION has an open alert with a cause and filled-in commands. Then, SCRAPES times each after 3 warm-up
 * scrapes, one line per way of asking:
 *
 * <ul>
 *   <li>{@code http-openmetrics-gzip}: {@code GET /metrics} on the real {@link HttpEndpoint} with the
 *       {@code Accept} and {@code Accept-Encoding} headers Prometheus sends (OpenMetrics, gzip);</li>
 *   <li>{@code http-text}: the same for Prometheus text 0.0.4 without compression ({@code curl});</li>
 *   <li>{@code in-process-text}: the registry's snapshot and the text writer into a byte counter, no HTTP: what the
 *       endpoint's handler does before it sends.</li>
 *   <li>{@code in-process-snapshot}: the registry's snapshot alone (its "bytes" are the number of families).</li>
 * </ul>
 *
 * Each line gives the median, p90 and max wall time of a scrape, the process CPU per scrape (the server thread does
 * the work), the bytes sent and the uncompressed bytes. A last line counts the series of each peer in the text scrape
 * (without and with an open alert) and the heap the registry holds, and the run fails if a peer without an open
 * alert has more series than {@link TunnelwatchMeters#seriesPerPeerWithoutAlert()} counts, or more than 6.
 *
 * <p>{@code java -Xmx2g -cp benchmarks/target/benchmarks.jar io.tunnelwatch.benchmarks.ScrapeBenchmark PEERS
 * [SCRAPES] [ALERT_FRACTION]} (defaults 20 and 0.01)
 */
public final class ScrapeBenchmark {

    private static final int WARMUP = 3;
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    /** What Prometheus 2.x and 3.x send by default. */
    private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    private static final String TEXT_ACCEPT = "text/plain;version=0.0.4";
    private static final Pattern DEVICE = Pattern.compile("[{,]device=\"([^\"]*)\"");
    private static final Pattern PEER = Pattern.compile("[{,]peer=\"([^\"]*)\"");
    private static final List<AlertType> PEER_ALERTS = Arrays.stream(AlertType.values())
            .filter(t -> t != AlertType.DEVICE_SILENT).toList();

    private ScrapeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ScrapeBenchmark PEERS [SCRAPES] [ALERT_FRACTION]");
            System.exit(2);
        }
        int peers = Integer.parseInt(args[0]);
        int scrapes = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int alertEvery = (int) Math.round(1 / (args.length > 2 ? Double.parseDouble(args[2]) : 0.01));

        PrometheusMeterRegistry registry = new SecondsPrometheusRegistry();
        registry.config().meterFilter(ProcessMeters.naming()).meterFilter(KafkaMeterFilter.keptOnly());
        try (ProcessMeters process = new ProcessMeters()) {
            process.bindTo(registry);
            long heapBefore = heapAfterGc();
            long fill0 = System.nanoTime();
            // as StreamsApp wires them
            PeerStateListener metrics = new PeerStateListeners(new PeerPhaseMetrics(registry),
                    new PeerTrafficMetrics(registry), new PeerFactsMetrics(registry), new PeerAlertMetrics(registry));
            for (int i = 0; i < peers; i++) {
                PeerKey key = FleetTraffic.key(i);
                metrics.updated(key, state(key, i % alertEvery == 0 ? PEER_ALERTS.get(i / alertEvery
                        % PEER_ALERTS.size()) : null));
            }
            double fillS = (System.nanoTime() - fill0) / 1e9;
            long registryHeap = heapAfterGc() - heapBefore;

            int port = PortProbe.freePort();
            try (HttpEndpoint endpoint = HttpEndpoint.start("127.0.0.1", port, registry, new Readiness())) {
                HttpClient client = HttpClient.newHttpClient();
                URI uri = URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics");
                Scrape gzip = () -> get(client, uri, PROMETHEUS_ACCEPT, true);
                Scrape text = () -> get(client, uri, TEXT_ACCEPT, false);
                Scrape inProcess = () -> inProcess(registry);
                Scrape snapshot = () -> new Body(registry.getPrometheusRegistry().scrape().size(), null, false);
                String head = String.format("peers=%d alerts_open=%d", peers, (peers + alertEvery - 1) / alertEvery);
                System.out.println(measure("http-openmetrics-gzip", head, gzip, scrapes));
                System.out.println(measure("http-text", head, text, scrapes));
                System.out.println(measure("in-process-text", head, inProcess, scrapes));
                System.out.println(measure("in-process-snapshot", head, snapshot, scrapes));
                System.out.println(seriesPerPeer(head, text.run().text(),
                        alertEvery, fillS, registryHeap, registry.getMeters().size()));
            }
        }
    }

    /** A peer passing traffic, or (with {@code alert}) one whose alert is open with a cause and commands. */
    private static PeerState state(PeerKey key, AlertType alert) {
        var deltas = new CounterSample.Counters(alert == null ? 400 : 0, 500, alert == null ? 168_000 : 0, 190_000,
                0, 0, 0, 0, 0, 0);
        PeerState.Builder b = PeerState.unknown(key.device(), key.peer()).toBuilder()
                .phase(alert == null ? PeerPhase.PASSING_TRAFFIC : PeerPhase.IPSEC_UP, T0)
                .ikeVersion(IkeVersion.IKEV2).natT(false).sourceInterface("GigabitEthernet0/0/1")
                .sample(new CounterSample(CounterSample.VERSION, key.device(), key.peer(), T0, true, 1, "active",
                        "active", deltas, deltas));
        if (alert != null) {
            b.openAlert(new OpenAlert(OpenAlert.idOf(key.device(), key.peer(), alert, T0), alert, T0,
                    "one-way traffic: " + key.peer() + " sends nothing back, or its ESP is dropped on the way in",
                    List.of(), null));
        }
        return b.build();
    }

    private interface Scrape {
        Body run() throws IOException, InterruptedException;
    }

    /** What one scrape sent ({@code body} null when only counted). */
    private record Body(long wireBytes, byte[] body, boolean gzipped) {

        /** The size before compression, worked out after the timing (the client's gunzip is not the server's). */
        long plainBytes() throws IOException {
            if (!gzipped) {
                return wireBytes;
            }
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                return in.transferTo(OutputStream.nullOutputStream());
            }
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static Body get(HttpClient client, URI uri, String accept, boolean gzip)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", accept);
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/metrics answered " + response.statusCode());
        }
        byte[] wire = response.body();
        boolean gzipped = "gzip".equals(response.headers().firstValue("Content-Encoding").orElse(""));
        return new Body(wire.length, wire, gzipped);
    }

    /** The handler's work without HTTP: a snapshot of the registry, written as Prometheus text. */
    private static Body inProcess(PrometheusMeterRegistry registry) throws IOException {
        MetricSnapshots snapshots = registry.getPrometheusRegistry().scrape();
        CountingStream out = new CountingStream();
        ExpositionFormats.init(PrometheusProperties.get()).findWriter(TEXT_ACCEPT)
                .write(out, snapshots, EscapingScheme.fromAcceptHeader(TEXT_ACCEPT));
        return new Body(out.count, null, false);
    }

    private static String measure(String name, String head, Scrape scrape, int scrapes) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            scrape.run();
        }
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] nanos = new long[scrapes];
        Body last = null;
        long cpu0 = os.getProcessCpuTime();
        for (int i = 0; i < scrapes; i++) {
            long t0 = System.nanoTime();
            last = scrape.run();
            nanos[i] = System.nanoTime() - t0;
        }
        double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6 / scrapes;
        Arrays.sort(nanos);
        return String.format("scrape-%s %s scrapes=%d median_ms=%.0f p90_ms=%.0f max_ms=%.0f process_cpu_ms=%.0f"
                        + " bytes_sent=%d bytes_uncompressed=%d",
                name, head, scrapes, nanos[scrapes / 2] / 1e6, nanos[(int) Math.ceil(scrapes * 0.9) - 1] / 1e6,
                nanos[scrapes - 1] / 1e6, cpuMs, last.wireBytes, last.plainBytes());
    }

    /** Series (sample lines) per peer in a text scrape, by whether the peer has an open alert. */
    private static String seriesPerPeer(String head, String page, int alertEvery, double fillS, long registryHeap,
                                        int meters) {
        Map<String, Integer> byPeer = new HashMap<>();
        long lines = 0;
        long series = 0;
        for (String line : page.split("\n")) {
            lines++;
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            series++;
            Matcher device = DEVICE.matcher(line);
            Matcher peer = PEER.matcher(line);
            if (device.find() && peer.find()) {
                byPeer.merge(device.group(1) + "|" + peer.group(1), 1, Integer::sum);
            }
        }
        int[] quiet = {Integer.MAX_VALUE, 0};
        int[] alerted = {Integer.MAX_VALUE, 0};
        for (int i = 0; i < byPeer.size(); i++) {
            PeerKey key = FleetTraffic.key(i);
            int n = byPeer.getOrDefault(key.device() + "|" + key.peer(), 0);
            int[] range = i % alertEvery == 0 ? alerted : quiet;
            range[0] = Math.min(range[0], n);
            range[1] = Math.max(range[1], n);
        }
        if (quiet[1] > TunnelwatchMeters.seriesPerPeerWithoutAlert() || quiet[1] > 6) {
            throw new IllegalStateException("a peer without an open alert has " + quiet[1] + " series");
        }
        return String.format("scrape-series %s peers_in_scrape=%d lines=%d series=%d series_per_quiet_peer=%d..%d"
                        + " series_per_alerted_peer=%d..%d meters=%d fill_s=%.1f registry_heap_mb=%.0f"
                        + " registry_heap_bytes_per_peer=%d",
                head, byPeer.size(), lines, series, quiet[0], quiet[1], alerted[0], alerted[1], meters, fillS,
                registryHeap / 1e6, byPeer.isEmpty() ? 0 : registryHeap / byPeer.size());
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
