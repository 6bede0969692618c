package io.tunnelwatch.benchmarks;

import io.tunnelwatch.broker.PortProbe;
import io.tunnelwatch.events.topic.Topics;
import io.tunnelwatch.mib.IpsecFlowMonitorMib;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code OverloadHarness [--jar JAR] [--seconds S] [--xmx SIZE] [--senders N] [--traps N] [--max-connections N]
 * [--extra-connections N] [--bench-dir BENCH_DIR]}: offers the real all-in-one about twice what it can take and judges whether it stays up with
 * bounded memory, counts what it drops, and recovers.
 *
 * <p>It starts {@code java -jar JAR run} on free loopback ports, then measures the capacity: {@code --senders} parallel
 * {@code JAR simulate --load 200000 --transport udp} (with {@code --bench-dir}: {@link BlastSender}s at full speed)
 * for {@link #CALIBRATION}; the capacity is the number of syslog
 * messages the collector read and handled (parsed, ignored or unparsed) in that time, per second. Then four phases,
 * each followed by a recovery probe (a numbered line over TCP that must reach {@code tunnelwatch.events} within
 * {@link #RECOVERY}): syslog over UDP at twice the capacity for {@code --seconds}, the same over TCP, a storm of
 * {@code --traps} SNMPv2c traps from loopback as fast as one SNMP4J sender goes, and {@code --max-connections} plus
 * {@code --extra-connections} TCP connections opened and held for {@code --seconds} against a collector started with
 * {@code --syslog-max-connections} = {@code --max-connections}. Heap in use (from {@code /metrics}) and the resident
 * set (from {@code /proc}) are sampled every {@link #SAMPLE_EVERY}; the drop and reject counters are read from
 * {@code /metrics} before and after each phase. One summary line per phase, then the {@link OverloadVerdict}; exit
 * code 1 when it fails.
 */
@CommandLine.Command(name = "overload-harness", mixinStandardHelpOptions = true)
public final class OverloadHarness implements Callable<Integer> {

    static final Duration CALIBRATION = Duration.ofSeconds(5);
    static final Duration RECOVERY = Duration.ofSeconds(60);
    static final Duration SAMPLE_EVERY = Duration.ofMillis(500);
    private static final long CALIBRATION_RATE = 200_000;
    private static final Pattern SENT = Pattern.compile("load: sent (\\d+) messages");
    private static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)");
    private static final Pattern REASON = Pattern.compile("(reason|outcome|transport)=\"([^\"]*)\"");
    private static final OID CIKE_TUNNEL_START = new OID(IpsecFlowMonitorMib.CIKE_TUNNEL_START.oid());

    @Option(names = "--jar", defaultValue = "launcher/target/tunnelwatch.jar", description = "The tunnelwatch jar.")
    Path jar;
    @Option(names = "--seconds", defaultValue = "60", description = "Length of each load phase (default 60).")
    int seconds;
    @Option(names = "--xmx", defaultValue = "1g", description = "Heap of the all-in-one (default 1g).")
    String xmx;
    @Option(names = "--senders", defaultValue = "2", description = "Parallel simulate processes per syslog phase.")
    int senders;
    @Option(names = "--traps", defaultValue = "100000", description = "Traps sent in the trap storm.")
    int traps;
    @Option(names = "--max-connections", defaultValue = "2000", description = "The collector's connection limit.")
    int maxConnections;
    @Option(names = "--extra-connections", defaultValue = "500", description = "Connections tried beyond the limit.")
    int extraConnections;
    @Option(names = "--bench-dir", paramLabel = "BENCH_DIR", description = "The bench harness (kept outside this"
            + " repository): UDP is then sent by its C sender, blast (sendmmsg), which can offer twice the capacity"
            + " where simulate --load cannot.")
    Path benchDir;

    private BlastSender blast;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong peakHeap = new AtomicLong();
    private final AtomicLong peakRss = new AtomicLong();
    private Path dir;
    private AllInOneProcess running;
    private Process allInOne;
    private int httpPort;
    private int syslogPort;
    private int trapPort;
    private int probes;

    public static void main(String[] args) {
        System.exit(new CommandLine(new OverloadHarness()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        dir = Files.createTempDirectory("tunnelwatch-overload");
        Thread sampler = null;
        try {
            running = AllInOneProcess.startReady(jar, xmx, dir, "run",
                    "--syslog-max-connections", Integer.toString(maxConnections));
            allInOne = running.process();
            int kafkaPort = running.kafkaPort;
            httpPort = running.httpPort;
            syslogPort = running.syslogPort;
            trapPort = running.trapPort;
            if (benchDir != null) {
                blast = BlastSender.prepare(benchDir, dir);
            }
            sampler = new Thread(this::sample, "overload-sampler");
            sampler.setDaemon(true);
            sampler.start();
            try (KafkaConsumer<String, String> events = eventsConsumer("127.0.0.1:" + kafkaPort)) {
                long capacity = capacity();
                System.out.printf(Locale.ROOT, "overload capacity: %,d msg/s handled over UDP in %d s from %d %s"
                        + " senders at %s each; offering %,d msg/s%n", capacity, CALIBRATION.toSeconds(), senders,
                        blast == null ? "simulate" : "blast",
                        blast == null ? String.format(Locale.ROOT, "%,d msg/s", CALIBRATION_RATE) : "full speed",
                        2 * capacity);
                List<OverloadVerdict.Phase> phases = new ArrayList<>();
                phases.add(syslogPhase("udp", 2 * capacity, events));
                phases.add(syslogPhase("tcp", 2 * capacity, events));
                phases.add(trapPhase(events));
                phases.add(connectionPhase(events));
                phases.forEach(phase -> System.out.println(phase.summaryLine()));
                boolean oom = Files.readString(dir.resolve("run.log")).contains("OutOfMemoryError");
                OverloadVerdict verdict = OverloadVerdict.judge(phases, bytes(xmx), oom);
                System.out.println(verdict.summaryLine());
                return verdict.passed() ? 0 : 1;
            }
        } finally {
            if (sampler != null) {
                sampler.interrupt();
            }
            if (running != null) {
                running.close();
            }
            TempTree.delete(dir);
        }
    }

    private List<String> java(String heap, String... cliArgs) {
        return AllInOneProcess.javaCommand(jar, heap, cliArgs);
    }

    /** Messages per second the collector handled while offered more than it could take over UDP. */
    private long capacity() throws Exception {
        Map<String, Double> before = scrape();
        long start = System.nanoTime();
        if (blast != null) {
            blast.send(syslogPort, senders, 0, CALIBRATION, dir, "calibrate");
        } else {
            simulate("udp", CALIBRATION_RATE, CALIBRATION, "calibrate");
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long handled = handled(delta(before, scrape()), "udp");
        return Math.max(1, Math.round(handled / Math.min(elapsed, CALIBRATION.toSeconds() + 1.0)));
    }

    private OverloadVerdict.Phase syslogPhase(String transport, long rate, KafkaConsumer<String, String> events)
            throws Exception {
        Map<String, Double> before = startPhase();
        long perSender = Math.max(1, rate / senders);
        long offered = blast != null && transport.equals("udp")
                ? blast.send(syslogPort, senders, perSender, Duration.ofSeconds(seconds), dir, transport)
                : simulate(transport, perSender, Duration.ofSeconds(seconds), transport);
        Map<String, Double> delta = delta(before, scrape());
        return endPhase("syslog-" + transport, offered, handled(delta, transport), drops(delta), events);
    }

    private OverloadVerdict.Phase trapPhase(KafkaConsumer<String, String> events) throws Exception {
        Map<String, Double> before = startPhase();
        try (Snmp snmp = new Snmp(new DefaultUdpTransportMapping(new UdpAddress("127.0.0.1/0")))) {
            CommunityTarget<UdpAddress> target = new CommunityTarget<>(new UdpAddress("127.0.0.1/" + trapPort),
                    new OctetString("public"));
            target.setVersion(SnmpConstants.version2c);
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            for (int i = 0; i < traps && System.nanoTime() < end; i++) {
                PDU pdu = new PDU();
                pdu.setType(PDU.TRAP);
                pdu.add(new VariableBinding(SnmpConstants.sysUpTime, new TimeTicks(i)));
                pdu.add(new VariableBinding(SnmpConstants.snmpTrapOID, CIKE_TUNNEL_START));
                snmp.send(pdu, target);
            }
        }
        Map<String, Double> delta = delta(before, scrape());
        Map<String, Long> outcomes = byLabel(delta, "tunnelwatch_snmp_traps_total");
        long received = outcomes.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> drops = drops(delta);
        outcomes.forEach((outcome, n) -> {
            if (!outcome.contains("accepted")) {
                drops.put("traps:" + outcome, n);
            }
        });
        return endPhase("traps", traps, received, drops, events);
    }

    private OverloadVerdict.Phase connectionPhase(KafkaConsumer<String, String> events) throws Exception {
        Map<String, Double> before = startPhase();
        List<Socket> held = new ArrayList<>();
        long failed = 0;
        try {
            for (int i = 0; i < maxConnections + extraConnections; i++) {
                Socket socket = new Socket();
                try {
                    socket.connect(new InetSocketAddress("127.0.0.1", syslogPort), 2000);
                    held.add(socket);
                } catch (IOException refused) {
                    socket.close();
                    failed++;
                }
            }
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            while (System.nanoTime() < end) {
                Thread.sleep(SAMPLE_EVERY.toMillis()); // holding the connections for the phase's length
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        Map<String, Double> delta = delta(before, scrape());
        long accepted = count(delta, "tunnelwatch_syslog_connections_accepted_total");
        Map<String, Long> drops = drops(delta);
        drops.put("connections:rejected", count(delta, "tunnelwatch_syslog_connections_rejected_total"));
        if (failed > 0) {
            drops.put("connections:refused_by_kernel", failed);
        }
        return endPhase("connections", maxConnections + extraConnections, accepted, drops, events);
    }

    private Map<String, Double> startPhase() throws Exception {
        peakHeap.set(0);
        peakRss.set(0);
        return scrape();
    }

    private OverloadVerdict.Phase endPhase(String name, long offered, long accepted, Map<String, Long> drops,
            KafkaConsumer<String, String> events) throws Exception {
        long probeStart = System.nanoTime();
        boolean recovered = allInOne.isAlive() && probe(events);
        return new OverloadVerdict.Phase(name, offered, accepted, drops, peakHeap.get(), peakRss.get(), recovered,
                (System.nanoTime() - probeStart) / 1e9, allInOne.isAlive());
    }

    /** Sends a numbered line over TCP and waits until its event is on the topic. */
    private boolean probe(KafkaConsumer<String, String> events) throws Exception {
        int n = ++probes;
        String peer = "203.0.113." + n;
        events.seekToEnd(events.assignment());
        events.assignment().forEach(events::position);
        String stamp = ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss.SSS", Locale.ROOT));
        String line = "<189>" + n + ": overload-probe: *" + stamp + " UTC: %CRYPTO-5-SESSION_STATUS: Crypto tunnel is"
                + " UP.  Peer " + peer + ":500  Id: " + peer + "\n";
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        boolean sent = false;
        while (System.nanoTime() < deadline && allInOne.isAlive()) {
            if (!sent) {
                try (Socket socket = new Socket("127.0.0.1", syslogPort); OutputStream out = socket.getOutputStream()) {
                    out.write(line.getBytes(StandardCharsets.US_ASCII));
                    sent = true;
                } catch (IOException notYet) {
                    Thread.sleep(500); // the collector still sheds the storm's connections
                    continue;
                }
            }
            for (ConsumerRecord<String, String> record : events.poll(Duration.ofMillis(500))) {
                if (record.key() != null && record.key().endsWith("|" + peer)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static KafkaConsumer<String, String> eventsConsumer(String bootstrap) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        consumer.assign(consumer.partitionsFor(Topics.EVENTS.name(), Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList());
        return consumer;
    }

    /** Runs {@link #senders} {@code simulate --load} processes in parallel; the messages they sent. */
    private long simulate(String transport, long rate, Duration duration, String label) throws Exception {
        List<List<String>> commands = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            commands.add(java("256m", "simulate", "--collector", "127.0.0.1:" + syslogPort, "--transport", transport,
                    "--load", Long.toString(rate), "--duration", Long.toString(duration.toSeconds())));
        }
        return ParallelSenders.run(commands, dir, label, duration, Duration.ofSeconds(120), SENT);
    }

    private void sample() {
        HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                long heap = Math.round(sum(parse(http.send(metrics, HttpResponse.BodyHandlers.ofString()).body()),
                        "jvm_memory_used_bytes{area=\"heap\""));
                peakHeap.accumulateAndGet(heap, Math::max);
                peakRss.accumulateAndGet(ProcessMemory.rssBytes(allInOne.pid()), Math::max);
                Thread.sleep(SAMPLE_EVERY.toMillis()); // a sampling period, not synchronisation
            } catch (InterruptedException stop) {
                return;
            } catch (IOException slowOrGone) {
                // a missed sample under load; the next one counts
            }
        }
    }

    private Map<String, Double> scrape() throws Exception {
        HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                .timeout(Duration.ofSeconds(30)).build();
        return parse(http.send(metrics, HttpResponse.BodyHandlers.ofString()).body());
    }

    static Map<String, Double> parse(String text) {
        Map<String, Double> series = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = SERIES.matcher(line);
            if (!line.startsWith("#") && m.find()) {
                try {
                    series.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
                } catch (NumberFormatException notANumber) {
                    // NaN and the like carry nothing to add up
                }
            }
        }
        return series;
    }

    static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> delta = new HashMap<>();
        after.forEach((series, value) -> delta.put(series, value - before.getOrDefault(series, 0.0)));
        return delta;
    }

    /** The sum of every series whose name and first labels begin with {@code prefix}. */
    static double sum(Map<String, Double> series, String prefix) {
        return series.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private static long count(Map<String, Double> delta, String name) {
        return Math.round(sum(delta, name + "{") + delta.getOrDefault(name, 0.0));
    }

    private static long handled(Map<String, Double> delta, String transport) {
        long n = 0;
        for (String name : List.of("tunnelwatch_syslog_parsed_total", "tunnelwatch_syslog_ignored_total",
                "tunnelwatch_syslog_unparsed_total")) {
            n += Math.round(delta.entrySet().stream().filter(e -> e.getKey().startsWith(name + "{")
                    && e.getKey().contains("transport=\"" + transport + "\"")).mapToDouble(Map.Entry::getValue).sum());
        }
        return n;
    }

    /** The non-zero deltas of every drop, reject and failure counter, keyed by counter and labels. */
    static Map<String, Long> drops(Map<String, Double> delta) {
        Map<String, Long> drops = new TreeMap<>();
        delta.forEach((series, value) -> {
            if (value >= 0.5 && (series.startsWith("tunnelwatch_syslog_dropped_total")
                    || series.startsWith("tunnelwatch_kafka_failed_total")
                    || series.startsWith("tunnelwatch_snmp_samples_dropped_total")
                    || series.startsWith("tunnelwatch_syslog_raw_dropped_total"))) {
                drops.merge(shortName(series), Math.round(value), Long::sum);
            }
        });
        return drops;
    }

    private static Map<String, Long> byLabel(Map<String, Double> delta, String name) {
        Map<String, Long> by = new TreeMap<>();
        delta.forEach((series, value) -> {
            if (series.startsWith(name + "{") && value >= 0.5) {
                Matcher m = Pattern.compile("outcome=\"([^\"]*)\"").matcher(series);
                by.merge(m.find() ? m.group(1) : "?", Math.round(value), Long::sum);
            }
        });
        return by;
    }

    /** {@code tunnelwatch_syslog_dropped_total{reason="queue_full",transport="udp"}} as {@code syslog_dropped:queue_full/udp}. */
    private static String shortName(String series) {
        String name = series.replaceFirst("\\{.*", "").replaceFirst("^tunnelwatch_", "").replaceFirst("_total$", "");
        List<String> labels = new ArrayList<>();
        Matcher m = REASON.matcher(series);
        while (m.find()) {
            labels.add(m.group(2));
        }
        return labels.isEmpty() ? name : name + ":" + String.join("/", labels);
    }

    static long bytes(String size) {
        String s = size.trim().toLowerCase(Locale.ROOT);
        long unit = switch (s.charAt(s.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
    }
}
