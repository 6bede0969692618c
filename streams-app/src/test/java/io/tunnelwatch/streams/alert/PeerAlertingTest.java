package io.tunnelwatch.streams.alert;

import static io.tunnelwatch.streams.PeerFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.peer.Milestone;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateMachine;
import io.tunnelwatch.streams.verdict.AlertRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A peer's history judged as history: the state is rebuilt alike, an incident that ended pages no one, one still
 * going on opens once judged at the present, with its evidence.
 */
class PeerAlertingTest {

    private static final Instant PRESENT = Instant.parse("2026-12-04T12:00:00Z");
    private static final Instant DAYS_AGO = PRESENT.minus(Duration.ofDays(3));

    private final PeerStateMachine machine = new PeerStateMachine();
    private final PeerAlerting alerting = new PeerAlerting(DetectorSettings.defaults());
    private final List<AlertRecord> published = new ArrayList<>();

    @Test
    void shouldRebuildAnIncidentThatEndedLongAgoWithoutAnyAlertRecord() {
        PeerState s = evaluate(machine.apply(null, event(EventKind.SESSION_DOWN, DAYS_AGO)), DAYS_AGO, true);
        s = evaluate(s, DAYS_AGO.plusSeconds(61), true);
        s = evaluate(machine.apply(s, event(EventKind.SESSION_UP, DAYS_AGO.plusSeconds(600))),
                DAYS_AGO.plusSeconds(600), true);
        s = evaluate(s, PRESENT, false);

        assertThat(published).isEmpty();
        assertThat(s.phase()).isEqualTo(PeerPhase.IPSEC_UP);
        assertThat(s.upDowns()).hasSize(2);
        assertThat(s.openAlert()).isNull();
    }

    @Test
    void shouldOpenAnIncidentStillGoingOnOnceJudgedAtThePresent() {
        PeerState s = evaluate(machine.apply(null, event(EventKind.SESSION_DOWN, DAYS_AGO)), DAYS_AGO, true);
        s = evaluate(s, DAYS_AGO.plusSeconds(61), true);
        assertThat(published).isEmpty();
        assertThat(s.nextCheckAt()).as("looked at again once caught up").isNotNull()
                .isBefore(PRESENT.minus(Duration.ofMinutes(5)));

        s = evaluate(s, PRESENT, false);
        s = evaluate(s, PRESENT.plusSeconds(1), false);

        assertThat(published).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(AlertRecord.Action.OPENED);
            assertThat(r.alert()).isEqualTo("PeerUnreachable");
            assertThat(r.openedAt()).isEqualTo(PRESENT);
            assertThat(r.evidence()).anyMatch(l -> l.contains("CRYPTO-5-SESSION_DOWN"));
        });
        assertThat(s.openAlert().openedAt()).isEqualTo(PRESENT);
    }

    private PeerState evaluate(PeerState s, Instant at, boolean history) {
        PeerAlerting.Outcome outcome = alerting.evaluate(s, at, history);
        published.addAll(outcome.records());
        return outcome.state();
    }

    @Test
    void shouldPutThePhaseChangesAndTheAlertOpenedAndResolvedOnTheTimelineWithTheirEvidence() {
        PeerState s = evaluate(machine.apply(null, event(EventKind.SESSION_DOWN, PRESENT)), PRESENT, false);
        s = evaluate(s, PRESENT.plusSeconds(61), false);
        s = evaluate(machine.apply(s, event(EventKind.SESSION_UP, PRESENT.plusSeconds(120))),
                PRESENT.plusSeconds(120), false);
        s = evaluate(s, PRESENT.plusSeconds(181), false);

        assertThat(s.milestones()).extracting(Milestone::kind, Milestone::name).containsExactly(
                tuple(Milestone.Kind.PHASE, "DOWN"), tuple(Milestone.Kind.OPENED, "PeerUnreachable"),
                tuple(Milestone.Kind.PHASE, "IPSEC_UP"), tuple(Milestone.Kind.RESOLVED, "PeerUnreachable"));
        Milestone down = s.milestones().get(0);
        assertThat(down.detail()).isEqualTo("UNKNOWN");
        assertThat(down.evidence()).singleElement().asString().contains("CRYPTO-5-SESSION_DOWN");
        Milestone opened = s.milestones().get(1);
        assertThat(opened.at()).isEqualTo(PRESENT.plusSeconds(61));
        assertThat(opened.detail()).isEqualTo(published.get(0).cause());
        assertThat(opened.evidence()).anyMatch(l -> l.contains("CRYPTO-5-SESSION_DOWN"));
        Milestone resolved = s.milestones().get(3);
        assertThat(resolved.detail()).startsWith("condition absent since");
        assertThat(resolved.evidence()).as("the last line seen stands for the repair")
                .anyMatch(l -> l.contains("CRYPTO-5-SESSION_UP"));
    }
}
