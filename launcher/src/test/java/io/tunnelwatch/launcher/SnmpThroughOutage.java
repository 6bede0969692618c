package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tunnelwatch.broker.PortProbe;
import io.tunnelwatch.collector.config.IngestConfig;
import io.tunnelwatch.collector.config.SnmpSettings;
import io.tunnelwatch.collector.inventory.InventoryLoader;
import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.events.topic.Topics;
import io.tunnelwatch.simulator.scenario.Scenario;
import io.tunnelwatch.simulator.scenario.ScenarioRun;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The SNMP side of a broker outage: a small simulated fleet whose agents the collector polls every
 * {@link #POLL_SECONDS} s (counter samples), and net-snmp's real {@code snmptrap} sending numbered cikeTunnelStop
 * traps from a fleet router's address (the number is the last octet of the trap's peer, 198.51.100.N). Started
 * before the outage and stopped after it; then {@link #read} takes both topics back.
 */
final class SnmpThroughOutage implements AutoCloseable {

    static final int POLL_SECONDS = 2;
    private static final String COMMUNITY = "tw-outage";
    private static final String TRAP_PEER_PREFIX = "198.51.100.";
    /** Traps at most: the number is one octet of the peer address. */
    private static final int MAX_TRAPS = 254;
    private static final Duration TRAP_SPACING = Duration.ofMillis(400);

    private final Path dir;
    private final Scenario scenario;
    private final int trapPort = PortProbe.freePort();
    /** Where the fleet's own syslog goes: a socket nobody reads, so that only the test's numbered lines are syslog. */
    private final DatagramSocket syslogSink;
    private final AtomicBoolean sending = new AtomicBoolean(true);
    private ScenarioRun run;
    private CompletableFuture<Integer> trapSender;

    SnmpThroughOutage(Path dir) throws Exception {
        this.dir = Files.createDirectories(dir);
        int agentPort = PortProbe.freeUdpPortBelowEphemeral(List.of("127.0.1.1", "127.0.1.2", "127.0.1.3"));
        this.scenario = new Scenario("outage", 1, 3, 2, 11L, Instant.now(), Duration.ofHours(24), null, COMMUNITY,
                agentPort, List.of());
        this.syslogSink = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    }

    /** The fleet's devices, their agents polled every {@link #POLL_SECONDS} s. */
    IngestConfig ingest() {
        return new IngestConfig(InventoryLoader.parse("outage-inventory.yaml",
                ScenarioRun.inventoryYaml(scenario, POLL_SECONDS)), false, false);
    }

    SnmpSettings snmp() {
        return new SnmpSettings("127.0.0.1", trapPort, 8);
    }

    /** Opens the fleet's agents and starts sending traps, one every 400 ms. */
    void start() throws Exception {
        run = ScenarioRun.start(scenario, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                syslogSink.getLocalPort()), null);
        trapSender = CompletableFuture.supplyAsync(this::sendTraps);
    }

    /** Stops the traps; answers how many were sent. */
    int stopTraps() throws Exception {
        sending.set(false);
        return trapSender.get(30, TimeUnit.SECONDS);
    }

    private int sendTraps() {
        int n = 0;
        long next = System.nanoTime();
        while (sending.get() && n < MAX_TRAPS) {
            n++;
            String[] varbinds = TrapToKafkaIT.STOP_VARBINDS.clone();
            varbinds[varbinds.length - 1] = "C63364" + String.format(Locale.ROOT, "%02X", n);
            List<String> args = new ArrayList<>(List.of("-v", "2c", "-c", COMMUNITY, "--clientaddr=127.0.1.1",
                    "udp:127.0.0.1:" + trapPort));
            args.addAll(Arrays.asList(varbinds));
            try {
                Snmptrap.send(dir, args);
            } catch (Exception e) {
                throw new IllegalStateException("snmptrap " + n, e);
            }
            next += TRAP_SPACING.toNanos();
            LockSupport.parkNanos(next - System.nanoTime());
        }
        return n;
    }

    /** What the topics hold of the fleet: counter samples by peer key, and which numbered traps arrived how often. */
    record Seen(Map<String, List<Instant>> samples, int sampleRecords, BitSet traps, int trapRepeats) {

        /** Samples whose key and poll time are on the topic more than once. */
        int sampleRepeats() {
            return sampleRecords - samples.values().stream().mapToInt(l -> new HashSet<>(l).size()).sum();
        }

        /** The longest time between two polls of one peer that reached the topic. */
        Duration longestSampleGap() {
            Duration longest = Duration.ZERO;
            for (List<Instant> times : samples.values()) {
                List<Instant> sorted = times.stream().distinct().sorted().toList();
                for (int i = 1; i < sorted.size(); i++) {
                    Duration gap = Duration.between(sorted.get(i - 1), sorted.get(i));
                    if (gap.compareTo(longest) > 0) {
                        longest = gap;
                    }
                }
            }
            return longest;
        }

        /** Samples polled between {@code from} and {@code to}. */
        long polledBetween(Instant from, Instant to) {
            return samples.values().stream().flatMap(List::stream)
                    .filter(t -> !t.isBefore(from) && !t.isAfter(to)).count();
        }
    }

    /** Reads both topics from the start to their end now. */
    static Seen read(String bootstrapServers) {
        Map<String, List<Instant>> samples = new HashMap<>();
        int[] sampleRecords = {0};
        var sampleSerde = Topics.COUNTERS.valueSerde().deserializer();
        readAll(bootstrapServers, Topics.COUNTERS.name(), r -> {
            CounterSample s = sampleSerde.deserialize(r.topic(), r.value());
            samples.computeIfAbsent(s.device() + "|" + s.peer(), k -> new ArrayList<>()).add(s.polledAt());
            sampleRecords[0]++;
        });
        BitSet traps = new BitSet();
        int[] repeats = {0};
        var eventSerde = Topics.EVENTS.valueSerde().deserializer();
        readAll(bootstrapServers, Topics.EVENTS.name(), r -> {
            TunnelEvent e = eventSerde.deserialize(r.topic(), r.value());
            if ("snmp".equals(e.transport()) && e.peer() != null && e.peer().startsWith(TRAP_PEER_PREFIX)) {
                int n = Integer.parseInt(e.peer().substring(TRAP_PEER_PREFIX.length()));
                if (traps.get(n)) {
                    repeats[0]++;
                }
                traps.set(n);
            }
        });
        return new Seen(samples, sampleRecords[0], traps, repeats[0]);
    }

    private static void readAll(String bootstrapServers, String topic,
                                java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofMinutes(1)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(each);
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
        }
    }

    /** Every trap numbered 1..sent is on the topic. */
    static void assertEveryTrapArrived(Seen seen, int sent) {
        BitSet expected = new BitSet();
        expected.set(1, sent + 1);
        BitSet missing = (BitSet) expected.clone();
        missing.andNot(seen.traps());
        assertThat(missing.stream().boxed().toList()).as("traps sent and not on the topic (of %d)", sent).isEmpty();
    }

    /** The routers of the fleet: three, each with a tunnel to the two others. */
    static Set<String> fleetRouters() {
        return Set.of(IntStream.rangeClosed(1, 3).mapToObj(i -> "rtr-0" + i).toArray(String[]::new));
    }

    @Override
    public void close() throws Exception {
        sending.set(false);
        if (run != null) {
            run.close();
        }
        syslogSink.close();
    }
}
