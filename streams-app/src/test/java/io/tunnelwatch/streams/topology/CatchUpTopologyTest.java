package io.tunnelwatch.streams.topology;

import static io.tunnelwatch.streams.PeerFixtures.PEER;
import static io.tunnelwatch.streams.PeerFixtures.T0;
import static io.tunnelwatch.streams.PeerFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.streams.alert.CatchUp;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.metrics.PeerAlertMetrics;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.verdict.AlertRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new application id over topics holding days of events: the driver's wall clock is three days after the
 * records, as a fresh streams app's would be. The state is rebuilt from all of them; an incident that ended long ago
 * opens nothing, on {@code tunnelwatch.alerts} or {@code /metrics}; one still going on opens once, when caught up.
 */
class CatchUpTopologyTest {

    private static final Instant NOW = T0.plus(Duration.ofDays(3));
    private static final Duration HORIZON = DetectorSettings.defaults().catchUpHorizon();
    /** A second peer of the same router, whose tunnel went down three days ago and never came back. */
    private static final PeerKey ONGOING = new PeerKey(PEER.device(), "198.51.100.9");

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private AlertTopologyDriver tw;
    private Instant wallClock = NOW;

    @BeforeEach
    void start() {
        tw = new AlertTopologyDriver(stateDir, NOW, new PeerAlertMetrics(registry));
    }

    @AfterEach
    void stop() {
        tw.close();
    }

    @Test
    void shouldRebuildTheStateOfIncidentsThatEndedLongAgoAndOpenNothingForThem() {
        playResolvedIncidents();

        advance(Duration.ofSeconds(1));
        advance(HORIZON);
        for (int minute = 0; minute < 10; minute++) {
            advance(Duration.ofMinutes(1));
        }

        assertThat(tw.alerts()).isEmpty();
        assertThat(registry.find("tunnelwatch.peer.alert").gauges()).isEmpty();
        PeerState rebuilt = peerStates().get(PEER);
        assertThat(rebuilt.phase()).isEqualTo(PeerPhase.PASSING_TRAFFIC);
        assertThat(rebuilt.upDowns()).hasSize(2);
        assertThat(rebuilt.lastSample().polledAt()).isEqualTo(T0.plus(Duration.ofMinutes(70)));
    }

    @Test
    void shouldOpenAnIncidentStillGoingOnOnceWhenThePartitionStayedQuietForAHorizon() {
        playResolvedIncidents();
        tw.pipe(event(ONGOING, EventKind.SESSION_DOWN, T0.plus(Duration.ofHours(2))));

        advance(Duration.ofSeconds(1));
        assertThat(tw.alerts()).as("still replaying: no judgement at the present yet").isEmpty();
        Instant caughtUp = advance(HORIZON);
        AlertRecord opened = single(tw.alerts().toArray(AlertRecord[]::new));
        for (int minute = 0; minute < 10; minute++) {
            advance(Duration.ofMinutes(1));
        }

        assertThat(opened.action()).isEqualTo(AlertRecord.Action.OPENED);
        assertThat(opened.alert()).isEqualTo("PeerUnreachable");
        assertThat(opened.peer()).isEqualTo(ONGOING.peer());
        assertThat(opened.openedAt()).as("judged one input lateness behind the wall clock")
                .isEqualTo(caughtUp.minus(CatchUp.INPUT_LATENESS));
        assertThat(opened.evidence()).anyMatch(l -> l.contains("CRYPTO-5-SESSION_DOWN"));
        assertThat(tw.alerts()).as("opened once").isEmpty();
        assertThat(registry.find("tunnelwatch.peer.alert").gauges()).singleElement()
                .satisfies(g -> assertThat(g.getId().getTag("peer")).isEqualTo(ONGOING.peer()));
    }

    @Test
    void shouldOpenAnIncidentStillGoingOnAtTheFirstTimerAfterAPresentInput() {
        playResolvedIncidents();
        tw.pipe(event(ONGOING, EventKind.SESSION_DOWN, T0.plus(Duration.ofHours(2))));
        advance(Duration.ofSeconds(1));
        assertThat(tw.alerts()).isEmpty();

        tw.pipe(sample(wallClock, 1, 100, 100));
        Instant next = advance(Duration.ofSeconds(1));

        AlertRecord opened = single(tw.alerts().toArray(AlertRecord[]::new));
        assertThat(opened.peer()).isEqualTo(ONGOING.peer());
        assertThat(opened.openedAt()).isEqualTo(next.minus(CatchUp.INPUT_LATENESS));
        advance(Duration.ofMinutes(10));
        assertThat(tw.alerts()).isEmpty();
    }

    /**
     * Three days ago: the tunnel went down for ten minutes (PeerUnreachable, had it been live), and an hour later the
     * router stopped answering polls for ten minutes while it sent nothing (DeviceSilent). The wall clock ticks
     * between the records, as it does while a real streams app replays them: its punctuations fire midway.
     */
    private void playResolvedIncidents() {
        replay(event(PEER, EventKind.SESSION_DOWN, T0));
        replay(event(PEER, EventKind.SESSION_UP, T0.plus(Duration.ofMinutes(10))));
        for (int i = 0; i < 20; i++) {
            replay(unanswered(T0.plus(Duration.ofMinutes(60)).plusSeconds(30L * i)));
        }
        replay(sample(T0.plus(Duration.ofMinutes(70)), 1, 100, 100));
    }

    private void replay(TunnelEvent event) {
        tw.pipe(event);
        advance(Duration.ofSeconds(1));
    }

    private void replay(CounterSample sample) {
        tw.pipe(sample);
        advance(Duration.ofSeconds(1));
    }

    /** Moves the driver's wall clock on, firing the punctuations due; returns the new wall clock. */
    private Instant advance(Duration d) {
        tw.advance(d);
        wallClock = wallClock.plus(d);
        return wallClock;
    }

    private KeyValueStore<PeerKey, PeerState> peerStates() {
        return tw.driver().getKeyValueStore(TunnelwatchTopology.PEER_STATE_STORE);
    }

    private static TunnelEvent event(PeerKey key, EventKind kind, Instant at) {
        return new TunnelEvent(TunnelEvent.VERSION, kind, null, key.device(), key.peer(), IkeVersion.IKEV2,
                "CRYPTO-5-" + kind.name(), 5, Map.of(), null, at, "192.0.2.1", "udp",
                kind.name().toLowerCase() + " of " + key.peer());
    }

    private static CounterSample unanswered(Instant at) {
        return new CounterSample(CounterSample.VERSION, PEER.device(), PEER.peer(), at, false, 0, null, null, null,
                null);
    }

    private static AlertRecord single(AlertRecord... records) {
        assertThat(records).hasSize(1);
        return records[0];
    }
}
