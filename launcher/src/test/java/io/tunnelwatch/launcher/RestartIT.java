package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;

import io.tunnelwatch.broker.PortProbe;
import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.events.json.Json;
import io.tunnelwatch.launcher.allinone.Pipeline;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.topology.StreamsTopics;
import io.tunnelwatch.streams.verdict.AlertRecord;
import io.tunnelwatch.testsupport.KafkaFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarts of the streams app mid-scenario ({@link RestartScenario}: two decaps stalls and a stuck IKE negotiation,
 * then more of the same, then the repair). Each peer's state is the same after the restart, its alert stays open
 * across it, and {@code tunnelwatch.alerts} (read committed) holds exactly one opened and, after the repair, one
 * resolved per peer: no alert opened twice, none lost.
 * <ul>
 *   <li>{@code tunnelwatch run} as a user runs it: the packaged jar in its own JVM with the embedded broker, killed
 *       with SIGKILL (state restored from Kafka); SIGTERM then stops everything cleanly within 15 s.</li>
 *   <li>the {@code streams} role in this JVM against the fixture broker, closed cleanly and started again.</li>
 * </ul>
 */
class RestartIT {

    private static final String DEVICE = "127.0.0.1";
    private static final String PEER = "192.0.2.7";
    private static final String SCENARIO_DEVICE = "rtr-kill";

    @TempDir
    Path work;

    private final int kafkaPort = PortProbe.freePort();
    private final int controllerPort = PortProbe.freePort();
    private final int syslogPort = PortProbe.freePort();
    private final int httpPort = PortProbe.freePort();
    private final int trapPort = PortProbe.freePort();

    @Test
    void shouldRestoreStateAndKeepEachAlertOpenOnceAcrossAKillThenStopCleanlyOnSigterm() throws Exception {
        Map<String, String> before;
        try (TunnelwatchProcess first = run()) {
            SyslogSender.udp(syslogPort, SyslogSender.sessionStatus(12, "DOWN", PEER, 500));
            // Closed before the kill: its clients would wait out their close timeouts on a dead broker.
            try (RestartScenario scenario = new RestartScenario("127.0.0.1:" + kafkaPort, SCENARIO_DEVICE)) {
                scenario.startFaults();
                before = awaitOpenedOnce(scenario, httpPort);
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(MetricsScrape.peerPhase(httpPort, DEVICE, PEER))
                            .isEqualTo(OptionalDouble.of(PeerPhase.DOWN.code())));
            first.kill();
        }

        try (TunnelwatchProcess second = run()) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(second.stderr()).anyMatch(l -> l.contains("Reusing Kafka storage")));
            // After a SIGKILL the broker recovers its logs and Kafka Streams rebuilds its state from the changelog
            // (exactly-once wipes local state after a crash): a minute or two on a busy 2-core machine.
            await().atMost(Duration.ofSeconds(180)).untilAsserted(() ->
                    assertThat(MetricsScrape.peerPhase(httpPort, DEVICE, PEER))
                            .as("phase restored without any new syslog; %s", second.describe())
                            .isEqualTo(OptionalDouble.of(PeerPhase.DOWN.code())));
            try (RestartScenario scenario = new RestartScenario("127.0.0.1:" + kafkaPort, SCENARIO_DEVICE)) {
                continueAndRepair(scenario, httpPort, before);
            }

            SyslogSender.udp(syslogPort, SyslogSender.sessionStatus(13, "UP", PEER, 500));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(MetricsScrape.peerPhase(httpPort, DEVICE, PEER))
                            .isEqualTo(OptionalDouble.of(PeerPhase.IPSEC_UP.code())));

            int exit = second.stop(15);
            assertThat(exit).as("exit code after SIGTERM (-1: still running after 15 s)\n%s", second.describe())
                    .isNotEqualTo(-1);
            assertThat(second.stdout()).as("exit %d\n%s", exit, second.describe())
                    .anyMatch(l -> l.startsWith("tunnelwatch stopped in "));
            assertThat(second.stderr()).anyMatch(l -> l.contains("Publisher for tunnelwatch.events drained"))
                    .anyMatch(l -> l.contains("Stopping the embedded Kafka broker"));
        }
    }

    @Test
    void shouldRestoreStateAndKeepEachAlertOpenOnceAcrossACleanCloseOfTheStreamsRole() {
        String applicationId = "tw-it-restart-" + UUID.randomUUID();
        String device = "rtr-close-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> before;
        try (RestartScenario scenario = new RestartScenario(KafkaFixture.bootstrapServers(StreamsTopics.ALL), device)) {
            try (Pipeline first = streamsRole(applicationId)) {
                scenario.startFaults();
                before = awaitOpenedOnce(scenario, first.httpAddress().getPort());
            }
            try (Pipeline second = streamsRole(applicationId)) {
                continueAndRepair(scenario, second.httpAddress().getPort(), before);
            }
        }
    }

    /**
     * Waits until each peer's alert opened (committed) and its {@code GET /peers} shows it, and returns the views.
     */
    private static Map<String, String> awaitOpenedOnce(RestartScenario scenario, int http) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(scenario.lifecycles()).containsOnlyKeys(RestartScenario.PEERS)
                        .allSatisfy((peer, steps) -> assertThat(steps).singleElement(STRING)
                                .startsWith("OPENED " + (peer.equals(RestartScenario.STUCK)
                                        ? "IkeNegotiationStuck" : "DecapsStalled"))));
        Map<String, String> views = new TreeMap<>();
        for (AlertRecord opened : scenario.alerts()) {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(scenario.peerView(http, opened.peer())).contains("\"id\":\"" + opened.id() + "\""));
            views.put(opened.peer(), scenario.peerView(http, opened.peer()));
        }
        return views;
    }

    /**
     * After the restart: each peer's view is what it was; the faults go on without a second open or a resolve; the
     * repair resolves each alert exactly once.
     */
    private static void continueAndRepair(RestartScenario scenario, int http, Map<String, String> before) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(RestartScenario.PEERS).allSatisfy(peer ->
                        assertThat(scenario.peerView(http, peer)).as("state of %s after the restart", peer)
                                .isEqualTo(before.get(peer))));

        scenario.continueFaults();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(RestartScenario.STALLED).allSatisfy(peer ->
                        assertThat(recentCounters(scenario.peerView(http, peer))).as(peer).isEqualTo(5)));
        Map<String, List<String>> open = scenario.lifecycles();
        assertThat(open).as("still one open alert per peer, none resolved").containsOnlyKeys(RestartScenario.PEERS)
                .allSatisfy((peer, steps) -> assertThat(steps).singleElement(STRING).startsWith("OPENED "));

        scenario.repair();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(scenario.lifecycles()).containsOnlyKeys(RestartScenario.PEERS)
                        .allSatisfy((peer, steps) -> assertThat(steps).as(peer)
                                .containsExactly(open.get(peer).get(0), open.get(peer).get(0)
                                        .replaceFirst("^OPENED", "RESOLVED"))));
    }

    private static int recentCounters(String view) throws Exception {
        return view == null ? -1 : Json.mapper().readTree(view).path("recentCounters").size();
    }

    /** {@code tunnelwatch streams} against the fixture broker, in this JVM, with the scenario's thresholds. */
    private Pipeline streamsRole(String applicationId) {
        return new Pipeline(FixturePipelines.streamsOnly(work.resolve("streams-role"), PortProbe.freePort(),
                applicationId, new DetectorSettings(Duration.ofSeconds(RestartScenario.STUCK_AFTER_SECONDS), 3, 3,
                        Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(5),
                        Duration.ofSeconds(RestartScenario.RESOLVE_AFTER_SECONDS), 10,
                        DetectorSettings.defaults().catchUpHorizon()))).start();
    }

    private TunnelwatchProcess run() throws Exception {
        TunnelwatchProcess p = TunnelwatchProcess.start(work, "run",
                "--stuck-after", String.valueOf(RestartScenario.STUCK_AFTER_SECONDS),
                "--resolve-after", String.valueOf(RestartScenario.RESOLVE_AFTER_SECONDS),
                "--data-dir", work.resolve("data").toString(),
                "--kafka-port", String.valueOf(kafkaPort),
                "--kafka-controller-port", String.valueOf(controllerPort),
                "--syslog-host", "127.0.0.1",
                "--syslog-port", String.valueOf(syslogPort),
                "--http-host", "127.0.0.1",
                "--http-port", String.valueOf(httpPort),
                "--trap-host", "127.0.0.1",
                "--trap-port", String.valueOf(trapPort));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .failFast("tunnelwatch exited", () -> !p.isAlive())
                .until(() -> p.printed("tunnelwatch run is ready")
                        && p.printed("metrics   http://127.0.0.1:" + httpPort + "/metrics"));
        // The banner's lines reach the reader thread one by one: wait for its last before reading the others.
        assertThat(p.stdout()).anyMatch(l -> l.contains("udp 127.0.0.1:" + syslogPort));
        return p;
    }
}
