package io.tunnelwatch.streams.topology;

import static io.tunnelwatch.streams.PeerFixtures.PEER;
import static io.tunnelwatch.streams.PeerFixtures.T0;
import static io.tunnelwatch.streams.PeerFixtures.event;
import static io.tunnelwatch.streams.PeerFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateListener;
import io.tunnelwatch.streams.verdict.AlertRecord;
import io.tunnelwatch.streams.verdict.AlertType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code tunnelwatch.peer-state} gets: a peer's latest state at the next punctuation (each second) when its phase,
 * a layer's verdict or its alert changed, once however many verdicts moved in that second; any other change only
 * with the periodic refresh, once however many changes wait; alerts the moment they open or resolve, whatever the
 * state's publication waits for.
 */
class PeerStatePublishingTopologyTest {

    private static final Duration REFRESH = DetectorSettings.defaults().peerStateRefresh();
    private static final Duration PUNCTUATION = PeerTrackerProcessor.PUNCTUATE_EVERY;

    @TempDir
    Path stateDir;

    private AlertTopologyDriver tw;
    private TestOutputTopic<PeerKey, PeerState> peerState;

    @BeforeEach
    void start() {
        tw = new AlertTopologyDriver(stateDir, T0, PeerStateListener.NONE);
        peerState = tw.driver().createOutputTopic(StreamsTopics.PEER_STATE.name(),
                StreamsTopics.PEER_STATE.keySerde().deserializer(),
                StreamsTopics.PEER_STATE.valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        tw.close();
    }

    @Test
    void shouldPublishEachPhaseChangeAtTheNextPunctuation() {
        tw.pipe(event(EventKind.SESSION_DOWN, T0));
        assertThat(publishedByTheNextPunctuation()).extracting(PeerState::phase).containsExactly(PeerPhase.DOWN);
        tw.pipe(event(EventKind.SESSION_UP, T0.plusSeconds(30)));
        assertThat(publishedByTheNextPunctuation()).extracting(PeerState::phase).containsExactly(PeerPhase.IPSEC_UP);
        tw.pipe(event(EventKind.SESSION_DOWN, T0.plusSeconds(60)));
        assertThat(publishedByTheNextPunctuation()).extracting(PeerState::phase).containsExactly(PeerPhase.DOWN);
    }

    @Test
    void shouldPublishOnlyTheLatestStateWhenVerdictsMoveSeveralTimesWithinOneSecond() {
        tw.pipe(event(EventKind.SESSION_DOWN, T0));
        tw.pipe(event(EventKind.SESSION_UP, T0.plusMillis(200)));
        tw.pipe(event(EventKind.SESSION_DOWN, T0.plusMillis(400)));
        assertThat(peerState.isEmpty()).as("nothing before the punctuation").isTrue();

        List<PeerState> published = publishedByTheNextPunctuation();

        assertThat(published).containsExactly(store().get(PEER));
        assertThat(published.get(0).phase()).isEqualTo(PeerPhase.DOWN);
        assertThat(published.get(0).lastEventAt()).isEqualTo(T0.plusMillis(400));
        assertThat(publishedByTheNextPunctuation()).as("nothing changed since").isEmpty();
    }

    @Test
    void shouldPublishALayerVerdictChangeWhenThePhaseStays() {
        tw.pipe(event(EventKind.SESSION_UP, T0));
        publishedByTheNextPunctuation();
        tw.pipe(event(EventKind.TUNNEL_INTERFACE_DOWN, T0.plusSeconds(5), Map.of("interface", "Tunnel7")));

        List<PeerState> published = publishedByTheNextPunctuation();
        assertThat(published).hasSize(1);
        assertThat(published.get(0).tunnel().up()).isFalse();
    }

    @Test
    void shouldHoldBackABurstOfRepeatsAndPublishTheLatestStateOnceAtTheRefresh() {
        tw.pipe(event(EventKind.SESSION_UP, T0));
        assertThat(publishedByTheNextPunctuation()).as("the new peer").hasSize(1);
        for (int i = 1; i <= 50; i++) {
            tw.pipe(event(EventKind.SESSION_UP, T0.plusSeconds(i)));
        }

        tw.advance(REFRESH.minus(PUNCTUATION));
        assertThat(peerState.isEmpty()).as("nothing before the refresh is due").isTrue();
        tw.advance(PUNCTUATION);

        List<PeerState> refreshed = peerState.readValuesToList();
        assertThat(refreshed).hasSize(1);
        assertThat(refreshed.get(0)).isEqualTo(store().get(PEER));
        assertThat(refreshed.get(0).lastEventAt()).isEqualTo(T0.plusSeconds(50));
        tw.advance(REFRESH.multipliedBy(2));
        assertThat(peerState.isEmpty()).as("nothing changed since").isTrue();
    }

    @Test
    void shouldDropAWaitingRefreshWhenAVerdictChangePublishesTheState() {
        tw.pipe(event(EventKind.SESSION_DOWN, T0));
        publishedByTheNextPunctuation();
        tw.pipe(event(EventKind.SESSION_DOWN, T0.plusSeconds(10)));
        tw.pipe(event(EventKind.SESSION_UP, T0.plusSeconds(20)));
        assertThat(publishedByTheNextPunctuation()).extracting(PeerState::phase).containsExactly(PeerPhase.IPSEC_UP);

        tw.advance(REFRESH);

        assertThat(peerState.isEmpty()).isTrue();
    }

    @Test
    void shouldPublishAnAlertTheMomentItOpensAndResolvesAndTheStateCarryingItAtTheNextPunctuation() {
        tw.pipe(event(EventKind.SESSION_UP, T0));
        tw.pipe(sample(T0.plusSeconds(30), 1, 100, 0));
        tw.pipe(sample(T0.plusSeconds(60), 1, 100, 0));
        publishedByTheNextPunctuation();
        assertThat(tw.alerts()).isEmpty();

        tw.pipe(sample(T0.plusSeconds(90), 1, 100, 0));
        assertThat(tw.alerts()).extracting(AlertRecord::action).containsExactly(AlertRecord.Action.OPENED);
        assertThat(last(publishedByTheNextPunctuation()).openAlert().type()).isEqualTo(AlertType.DECAPS_STALLED);

        for (int i = 4; i <= 6; i++) {
            tw.pipe(sample(T0.plusSeconds(30L * i), 1, 100, 80));
        }
        assertThat(tw.alerts()).extracting(AlertRecord::action).containsExactly(AlertRecord.Action.RESOLVED);
        assertThat(last(publishedByTheNextPunctuation()).openAlert()).isNull();
    }

    /** Lets the wall clock reach the next punctuation, which publishes the peers whose verdict changed. */
    private List<PeerState> publishedByTheNextPunctuation() {
        tw.advance(PUNCTUATION);
        return peerState.readValuesToList();
    }

    private KeyValueStore<PeerKey, PeerState> store() {
        return tw.driver().getKeyValueStore(TunnelwatchTopology.PEER_STATE_STORE);
    }

    private static PeerState last(List<PeerState> states) {
        assertThat(states).isNotEmpty();
        return states.get(states.size() - 1);
    }
}
