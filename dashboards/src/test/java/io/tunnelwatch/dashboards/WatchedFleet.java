package io.tunnelwatch.dashboards;

import io.tunnelwatch.broker.PortProbe;
import io.tunnelwatch.collector.config.IngestConfig;
import io.tunnelwatch.collector.config.SnmpSettings;
import io.tunnelwatch.collector.config.SyslogListenerConfig;
import io.tunnelwatch.collector.inventory.InventoryLoader;
import io.tunnelwatch.launcher.allinone.Pipeline;
import io.tunnelwatch.launcher.allinone.PipelineConfig;
import io.tunnelwatch.simulator.fault.Fault;
import io.tunnelwatch.simulator.router.Fleet;
import io.tunnelwatch.simulator.scenario.Scenario;
import io.tunnelwatch.simulator.scenario.ScenarioRun;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.topology.StreamsTopics;
import io.tunnelwatch.testsupport.KafkaFixture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * tunnelwatch's all-in-one (collector and streams app, against the test broker, with its own application id) and the
 * simulated fleet it watches: {@value #ROUTERS} routers on a ring, two tunnels each, syslog, traps and SNMP agents on
 * 127.0.1.N, with short detector thresholds so a fault opens its alert within seconds. The inventory names the
 * routers {@value #PREFIX}rtr-NN, so nothing another test left on the shared broker lands on these peers.
 */
final class WatchedFleet implements AutoCloseable {

    static final String PREFIX = "oncall-";
    static final int ROUTERS = 4;
    private static final int PEERS_PER_ROUTER = 2;
    static final int TUNNEL_ENDS = ROUTERS * PEERS_PER_ROUTER;
    private static final int POLL_SECONDS = 2;
    /** Simulated time runs ten times as fast: a router's rate-limited symptoms repeat every 6 s. */
    private static final int COMPRESSION = 10;
    private static final String COMMUNITY = "tw-oncall";
    /** Stuck 5 s, three flat polls, silent after 4 s, resolved after 4 s quiet; the rest as in the scenario suite. */
    private static final DetectorSettings THRESHOLDS = new DetectorSettings(Duration.ofSeconds(5), 3, 2,
            Duration.ofSeconds(40), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(10),
            Duration.ofSeconds(4), 10, DetectorSettings.defaults().catchUpHorizon());

    private final Pipeline pipeline;
    private final Scenario scenario;
    private ScenarioRun run;

    private WatchedFleet(Pipeline pipeline, Scenario scenario) {
        this.pipeline = pipeline;
        this.scenario = scenario;
    }

    /** Starts the pipeline with its HTTP endpoint on {@code httpPort} and returns once it serves; no fleet yet. */
    static WatchedFleet startPipeline(Path data, int httpPort) {
        int agentPort = PortProbe.freeUdpPortBelowEphemeral(IntStream.range(0, ROUTERS).mapToObj(Fleet::address)
                .toList());
        Scenario scenario = new Scenario("oncall", COMPRESSION, ROUTERS, PEERS_PER_ROUTER, 5L,
                Instant.parse("2026-01-06T10:00:00Z"), Duration.ofHours(24), null, COMMUNITY, agentPort, List.of());
        String inventory = ScenarioRun.inventoryYaml(scenario, POLL_SECONDS).replace("name: rtr-",
                "name: " + PREFIX + "rtr-");
        IngestConfig ingest = new IngestConfig(InventoryLoader.parse("oncall-inventory.yaml", inventory), false,
                false);
        int syslogPort = PortProbe.freePort();
        PipelineConfig config = new PipelineConfig(KafkaFixture.bootstrapServers(StreamsTopics.ALL), data, 0, 0,
                Duration.ofSeconds(30), KafkaFixture.PARTITIONS, 1,
                SyslogListenerConfig.defaults().withPorts("127.0.0.1", syslogPort, syslogPort), "127.0.0.1",
                httpPort, true, true, ingest, new SnmpSettings("127.0.0.1", PortProbe.freePort(), 16),
                "tw-it-oncall-" + UUID.randomUUID(), THRESHOLDS);
        return new WatchedFleet(new Pipeline(config).start(), scenario);
    }

    /** Starts the routers: every tunnel up, counters moving, syslog and traps to the pipeline, agents answering. */
    void startRouters() throws IOException {
        run = ScenarioRun.start(scenario, loopback(pipeline.syslogUdpAddress()), loopback(pipeline.trapAddress()));
    }

    /** The name tunnelwatch knows router {@code index} (0-based) by. */
    static String device(int index) {
        return PREFIX + String.format("rtr-%02d", index + 1);
    }

    /** The address router {@code index} is a peer at. */
    static String address(int index) {
        return Fleet.address(index);
    }

    /** {@code fault} on router {@code router}'s tunnel to router {@code peer}. */
    void inject(Fault fault, int router, int peer) {
        run.simulation().inject(fault, address(router), address(peer));
    }

    void repair(Fault fault, int router, int peer) {
        if (!run.simulation().repair(fault, address(router), address(peer))) {
            throw new IllegalStateException(fault + " was not in force on " + device(router));
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            if (run != null) {
                run.close();
            }
        } finally {
            pipeline.close();
        }
    }

    private static InetSocketAddress loopback(InetSocketAddress bound) {
        return new InetSocketAddress("127.0.0.1", bound.getPort());
    }
}
