package io.tunnelwatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.events.topic.Topics;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.streams.StreamsSettings;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.metrics.PeerPhaseMetrics;
import io.tunnelwatch.streams.peer.PeerState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerTrackerTopologyTest {

    private static final PeerKey PEER = new PeerKey("rtr-hq-1", "192.0.2.7");
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PeerPhaseMetrics metrics = new PeerPhaseMetrics(registry);
    private TopologyTestDriver driver;
    private TestInputTopic<PeerKey, TunnelEvent> events;
    private TestInputTopic<PeerKey, CounterSample> counters;
    private TestOutputTopic<PeerKey, PeerState> peerState;

    @BeforeEach
    void startDriver() {
        var settings = new StreamsSettings("unused:9092", "tunnelwatch-test", stateDir, 1, 1, null, Map.of());
        driver = new TopologyTestDriver(TunnelwatchTopology.build(metrics), settings.toProperties());
        events = driver.createInputTopic(Topics.EVENTS.name(), Topics.EVENTS.keySerde().serializer(),
                Topics.EVENTS.valueSerde().serializer());
        counters = driver.createInputTopic(Topics.COUNTERS.name(), Topics.COUNTERS.keySerde().serializer(),
                Topics.COUNTERS.valueSerde().serializer());
        peerState = driver.createOutputTopic(StreamsTopics.PEER_STATE.name(),
                StreamsTopics.PEER_STATE.keySerde().deserializer(),
                StreamsTopics.PEER_STATE.valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void shouldMarkAPeerDownThenIpsecUpAsSessionStatusMessagesArrive() {
        pipe(EventKind.SESSION_DOWN, T0);

        PeerState down = published().get(0);
        assertThat(down.phase()).isEqualTo(PeerPhase.DOWN);
        assertThat(down.phaseSince()).isEqualTo(T0);
        assertThat(phaseGauge()).isEqualTo(PeerPhase.DOWN.code());

        pipe(EventKind.SESSION_UP, T0.plusSeconds(30));

        PeerState up = published().get(0);
        assertThat(up.phase()).isEqualTo(PeerPhase.IPSEC_UP);
        assertThat(up.phaseSince()).isEqualTo(T0.plusSeconds(30));
        assertThat(up.ikeVersion()).isEqualTo(IkeVersion.IKEV1);
        assertThat(phaseGauge()).isEqualTo(PeerPhase.IPSEC_UP.code());
        assertThat(registry.get("tunnelwatch.peers").tag("phase", "ipsec_up").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("tunnelwatch.peers").tag("phase", "down").gauge().value()).isEqualTo(0.0);
        KeyValueStore<PeerKey, PeerState> store = driver.getKeyValueStore(TunnelwatchTopology.PEER_STATE_STORE);
        assertThat(store.get(PEER)).isEqualTo(up);
    }

    @Test
    void shouldFoldCounterSamplesIntoTheSameStateAsEvents() {
        pipe(EventKind.SESSION_UP, T0);
        published();
        var sample = new CounterSample(CounterSample.VERSION, PEER.device(), PEER.peer(), T0.plusSeconds(30), true, 1,
                null, null, null, new CounterSample.Counters(40, 50, 0, 0, 0, 0, 0, 0, 0, 0));
        counters.pipeInput(PEER, sample, T0.plusSeconds(30));

        PeerState passing = published().get(0);
        assertThat(passing.phase()).isEqualTo(PeerPhase.PASSING_TRAFFIC);
        assertThat(passing.ikeVersion()).isEqualTo(IkeVersion.IKEV1);
        assertThat(passing.lastSample()).isEqualTo(sample);
        assertThat(phaseGauge()).isEqualTo(PeerPhase.PASSING_TRAFFIC.code());
    }

    @Test
    void shouldKeepThePhaseSinceWhenARepeatedMessageConfirmsIt() {
        pipe(EventKind.SESSION_DOWN, T0);
        assertThat(published()).extracting(PeerState::phaseSince).containsExactly(T0);
        pipe(EventKind.SESSION_DOWN, T0.plusSeconds(60));
        // The repeat changes no verdict: tunnelwatch.peer-state gets it with the periodic refresh.
        driver.advanceWallClockTime(DetectorSettings.defaults().peerStateRefresh());

        assertThat(peerState.readValuesToList()).singleElement().satisfies(repeat -> {
            assertThat(repeat.phaseSince()).isEqualTo(T0);
            assertThat(repeat.lastEventAt()).isEqualTo(T0.plusSeconds(60));
        });
    }

    @Test
    void shouldRecordNatTraversalFromThePeerPort() {
        events.pipeInput(PEER, event(EventKind.SESSION_UP, T0, Map.of("peer_port", "4500", "nat_t", "true")),
                T0);

        assertThat(published().get(0).natT()).isTrue();
    }

    @Test
    void shouldLeaveDeviceWideRecordsToOtherProcessors() {
        PeerKey deviceWide = PeerKey.deviceWide("rtr-hq-1");
        events.pipeInput(deviceWide, new TunnelEvent(TunnelEvent.VERSION, EventKind.CRYPTO_OTHER, null, "rtr-hq-1",
                "*", null, "CRYPTO-4-X", 4, Map.of(), null, T0, "192.0.2.1", "udp", "text"), T0);

        assertThat(peerState.isEmpty()).isTrue();
        assertThat(metrics.phaseCode(deviceWide)).isNull();
    }

    @Test
    void shouldRemoveThePeerSeriesWhenThePartitionIsClosed() {
        pipe(EventKind.SESSION_DOWN, T0);
        assertThat(registry.find("tunnelwatch.peer.phase").tags("peer", PEER.peer()).gauge()).isNotNull();

        driver.close();
        driver = null;

        assertThat(registry.find("tunnelwatch.peer.phase").tags("peer", PEER.peer()).gauge()).isNull();
        assertThat(registry.get("tunnelwatch.peers").tag("phase", "down").gauge().value()).isEqualTo(0.0);
    }

    /** What {@code tunnelwatch.peer-state} got by the next punctuation, which publishes the changed verdicts. */
    private List<PeerState> published() {
        driver.advanceWallClockTime(PeerTrackerProcessor.PUNCTUATE_EVERY);
        return peerState.readValuesToList();
    }

    private void pipe(EventKind kind, Instant at) {
        events.pipeInput(PEER, event(kind, at, Map.of("peer_port", "500", "nat_t", "false")), at);
    }

    private double phaseGauge() {
        return registry.get("tunnelwatch.peer.phase").tags("device", PEER.device(), "peer", PEER.peer()).gauge()
                .value();
    }

    private static TunnelEvent event(EventKind kind, Instant at, Map<String, String> fields) {
        String state = kind == EventKind.SESSION_UP ? "UP" : "DOWN";
        return new TunnelEvent(TunnelEvent.VERSION, kind, null, PEER.device(), PEER.peer(), IkeVersion.IKEV1,
                "CRYPTO-5-SESSION_STATUS", 5, fields, "*Nov 26 10:00:01.123", at, "192.0.2.1", "udp",
                "Crypto tunnel is " + state + ".  Peer 192.0.2.7:500  Id: 192.0.2.7");
    }
}
