package io.tunnelwatch.streams.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.OpenAlert;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A peer is never judged at a time before what it already knows (a far end's report carries an older time). */
class PeerTimeTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void shouldJudgeAnOlderInputAtThePeersNewestKnownTime() {
        PeerState prior = PeerState.unknown("rtr-a", "192.0.2.7").toBuilder()
                .lastEvent(T0.plusSeconds(30), "LINEPROTO-5-UPDOWN")
                .openAlert(new OpenAlert("id", AlertType.TUNNEL_INTERFACE_DOWN, T0.plusSeconds(40), "cause",
                        List.of(), null))
                .build();

        assertThat(PeerTime.judgedAt(T0.plusSeconds(10), prior)).isEqualTo(T0.plusSeconds(40));
        assertThat(PeerTime.judgedAt(T0.plusSeconds(50), prior)).isEqualTo(T0.plusSeconds(50));
        assertThat(PeerTime.judgedAt(T0, null)).isEqualTo(T0);
    }

    @Test
    void shouldKeepTheInputsOwnTimeWithinTheRecordsMillisecond() {
        Instant precise = T0.plusNanos(123_456_789);

        assertThat(PeerTime.inputTime(precise.toEpochMilli(), precise)).isEqualTo(precise);
        assertThat(PeerTime.inputTime(T0.toEpochMilli(), precise)).isEqualTo(T0);
        assertThat(PeerTime.inputTime(T0.toEpochMilli(), null)).isEqualTo(T0);
    }
}
