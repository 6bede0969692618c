package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tunnelwatch.broker.PortProbe;
import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.simulator.scenario.Scenario;
import io.tunnelwatch.simulator.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A normal start of {@code run} and of {@code demo}, made as a user makes it (the packaged jar in its own JVM with
 * its own logging configuration, the default data directory in the working directory), logs no warning and no error
 * from start to ready and through the first records that flow after it. A warning is for something the user must
 * act on; a start that needs nothing from them says nothing.
 */
class QuietStartIT {

    /** A WARN or ERROR line as the packaged log4j2.xml lays lines out: time, level, logger, message. */
    private static final Pattern WARN_OR_ERROR = Pattern.compile("^\\d{2}:\\d{2}:\\d{2}\\.\\d{3} (WARN|ERROR) ");
    private static final Pattern PEER_PHASE = Pattern.compile("^tunnelwatch_peer_phase\\{[^}]*} (\\S+)$",
            Pattern.MULTILINE);
    private static final String DEVICE = "127.0.0.1";
    private static final String PEER = "192.0.2.9";

    private final int kafkaPort = PortProbe.freePort();
    private final int controllerPort = PortProbe.freePort();
    private final int syslogPort = PortProbe.freePort();
    private final int httpPort = PortProbe.freePort();
    private final int trapPort = PortProbe.freePort();
    private Path work;

    @BeforeEach
    void createAWorkingDirectoryOutsideTheTempDirectory() throws IOException {
        // A data directory under the OS temp directory is worth a warning of its own: not a normal start.
        work = Files.createDirectories(Path.of("target", "quiet-start-it", UUID.randomUUID().toString()))
                .toAbsolutePath();
    }

    @AfterEach
    void deleteTheWorkingDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(work)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void shouldLogNoWarningFromStartThroughTheFirstCommittedChangesOfRun() throws Exception {
        try (TunnelwatchProcess run = TunnelwatchProcess.start(work, args("run"))) {
            awaitReady(run);

            // Two changes of one peer, each carried collector -> Kafka -> streams app and committed in a transaction.
            SyslogSender.udp(syslogPort, SyslogSender.sessionStatus(1, "DOWN", PEER, 500));
            awaitPhase(run, PeerPhase.DOWN);
            SyslogSender.udp(syslogPort, SyslogSender.sessionStatus(2, "UP", PEER, 500));
            awaitPhase(run, PeerPhase.IPSEC_UP);

            assertNoWarningOrError(run);
            stop(run);
        }
    }

    @Test
    void shouldLogNoWarningFromStartUntilEveryTunnelOfTheDemoFleetIsUpAndItsAgentsAnswered() throws Exception {
        Path scenarioFile = demoScenarioOnAFreeAgentPort();
        Scenario scenario = ScenarioLoader.load(scenarioFile);
        int tunnelEnds = scenario.routers() * scenario.peersPerRouter();
        try (TunnelwatchProcess demo = TunnelwatchProcess.start(work,
                args("demo", "--scenario", scenarioFile.toString()))) {
            awaitReady(demo);

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                String page = MetricsScrape.page(httpPort);
                assertThat(phasesAtLeast(page, PeerPhase.IPSEC_UP)).as("tunnel ends up").isEqualTo(tunnelEnds);
                assertThat(MetricsScrape.value(page, "tunnelwatch_snmp_polls_total{outcome=\"ok\"}").orElse(0))
                        .as("answered SNMP polls").isPositive();
            });

            assertNoWarningOrError(demo);
            stop(demo);
        }
    }

    /** Every listener on a free port and on loopback only, the data directory left at its default. */
    private String[] args(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command,
                "--kafka-port", String.valueOf(kafkaPort), "--kafka-controller-port", String.valueOf(controllerPort),
                "--http-host", "127.0.0.1", "--http-port", String.valueOf(httpPort),
                "--syslog-host", "127.0.0.1", "--syslog-port", String.valueOf(syslogPort),
                "--trap-host", "127.0.0.1", "--trap-port", String.valueOf(trapPort)));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** The built-in demo scenario, its simulated agents moved off the default port 16100 to one free on all of them. */
    private Path demoScenarioOnAFreeAgentPort() throws IOException {
        String demo;
        try (InputStream in = ScenarioLoader.class.getResourceAsStream("/scenarios/demo.yaml")) {
            assertThat(in).as("the built-in demo scenario").isNotNull();
            demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int routers = ScenarioLoader.builtIn("demo").routers();
        int agentPort = PortProbe.freeUdpPortBelowEphemeral(IntStream.rangeClosed(1, routers)
                .mapToObj(i -> "127.0.1." + i).toList());
        String moved = demo.replace("port: 16100", "port: " + agentPort);
        assertThat(moved).as("agent port replaced").isNotEqualTo(demo);
        return Files.writeString(work.resolve("demo-free-port.yaml"), moved);
    }

    private static void awaitReady(TunnelwatchProcess process) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(process.isAlive()).as("still running\n%s", process.describe()).isTrue();
            assertThat(process.stdout()).anyMatch(l -> l.endsWith(" is ready"));
        });
    }

    private void awaitPhase(TunnelwatchProcess process, PeerPhase phase) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(MetricsScrape.peerPhase(httpPort, DEVICE, PEER)).as("%s", process.describe())
                        .isEqualTo(OptionalDouble.of(phase.code())));
    }

    private static long phasesAtLeast(String page, PeerPhase phase) {
        Matcher m = PEER_PHASE.matcher(page);
        long n = 0;
        while (m.find()) {
            if (Double.parseDouble(m.group(1)) >= phase.code()) {
                n++;
            }
        }
        return n;
    }

    private static void assertNoWarningOrError(TunnelwatchProcess process) {
        List<String> lines = new ArrayList<>(process.stderr());
        lines.addAll(process.stdout());
        assertThat(lines).as("WARN and ERROR lines of a normal start\n%s", process.describe())
                .noneMatch(l -> WARN_OR_ERROR.matcher(l).find());
    }

    private static void stop(TunnelwatchProcess process) throws InterruptedException {
        assertThat(process.stop(30)).as("exit code after SIGTERM (-1: still running after 30 s)\n%s",
                process.describe()).isNotEqualTo(-1);
    }
}
