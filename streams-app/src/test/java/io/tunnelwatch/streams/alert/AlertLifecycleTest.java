package io.tunnelwatch.streams.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.streams.verdict.AlertRecord;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.Finding;
import io.tunnelwatch.streams.verdict.OpenAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertLifecycleTest {

    private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");
    private static final Placeholders VALUES = new Placeholders("198.51.100.7", null, "7", null);
    private static final Finding DECAPS = new Finding(AlertType.DECAPS_STALLED, "one-way", List.of("e"));
    private static final Finding UNREACHABLE = new Finding(AlertType.PEER_UNREACHABLE, "down", List.of("d"));

    private final AlertLifecycle lifecycle = new AlertLifecycle(Duration.ofSeconds(60), Duration.ofMinutes(5));

    @Test
    void shouldGiveTheSameIdToTheSameAlertOpenedAtTheSameMoment() {
        var a = lifecycle.step("rtr", "198.51.100.7", null, List.of(DECAPS), VALUES, T);
        var b = lifecycle.step("rtr", "198.51.100.7", null, List.of(DECAPS), VALUES, T);

        assertThat(a.open().id()).isEqualTo(b.open().id());
        assertThat(a.records().get(0).commands()).contains("show crypto session remote 198.51.100.7");
    }

    @Test
    void shouldNotResolveWhenTheConditionReturnsWithinTheHysteresis() {
        OpenAlert open = lifecycle.step("rtr", "p", null, List.of(DECAPS), VALUES, T).open();

        var absent = lifecycle.step("rtr", "p", open, List.of(), VALUES, T.plusSeconds(30));
        var back = lifecycle.step("rtr", "p", absent.open(), List.of(DECAPS), VALUES, T.plusSeconds(59));
        var absentAgain = lifecycle.step("rtr", "p", back.open(), List.of(), VALUES, T.plusSeconds(100));

        assertThat(absent.records()).isEmpty();
        assertThat(back.records()).isEmpty();
        assertThat(absentAgain.open().clearingSince()).isEqualTo(T.plusSeconds(100));
        assertThat(lifecycle.resolveDue(absentAgain.open())).contains(T.plusSeconds(160));
    }

    @Test
    void shouldLetALowerLayerSupersedeTheOpenAlert() {
        OpenAlert open = lifecycle.step("rtr", "p", null, List.of(DECAPS), VALUES, T).open();

        var step = lifecycle.step("rtr", "p", open, List.of(UNREACHABLE, DECAPS), VALUES, T.plusSeconds(5));

        assertThat(step.records()).extracting(AlertRecord::action, AlertRecord::alert).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertRecord.Action.RESOLVED, "DecapsStalled"),
                org.assertj.core.groups.Tuple.tuple(AlertRecord.Action.OPENED, "PeerUnreachable"));
        assertThat(step.open().related()).containsExactly("DecapsStalled");
    }

    @Test
    void shouldOpenNothingForAFindingJudgedInHistoryAndLookAgainOneHorizonOn() {
        var step = lifecycle.step("rtr", "p", null, List.of(DECAPS), VALUES, T, true);

        assertThat(step.records()).isEmpty();
        assertThat(step.open()).isNull();
        assertThat(step.recheckAt()).isEqualTo(T.plus(Duration.ofMinutes(5)));
    }

    @Test
    void shouldOpenAHeldBackFindingOnceWhenJudgedAtThePresent() {
        Instant present = T.plus(Duration.ofDays(3));
        var replayed = lifecycle.step("rtr", "p", null, List.of(DECAPS), VALUES, T, true);

        var caughtUp = lifecycle.step("rtr", "p", replayed.open(), List.of(DECAPS), VALUES, present, false);
        var later = lifecycle.step("rtr", "p", caughtUp.open(), List.of(DECAPS), VALUES, present.plusSeconds(60));

        assertThat(caughtUp.records()).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(AlertRecord.Action.OPENED);
            assertThat(r.openedAt()).isEqualTo(present);
            assertThat(r.evidence()).containsExactly("e");
        });
        assertThat(caughtUp.recheckAt()).isNull();
        assertThat(later.records()).isEmpty();
        assertThat(later.open().id()).isEqualTo(caughtUp.open().id());
    }

    @Test
    void shouldStillResolveAnAlertOpenedBeforeWhileReplayingHistory() {
        OpenAlert open = lifecycle.step("rtr", "p", null, List.of(DECAPS), VALUES, T).open();

        var absent = lifecycle.step("rtr", "p", open, List.of(), VALUES, T.plusSeconds(10), true);
        var healed = lifecycle.step("rtr", "p", absent.open(), List.of(), VALUES, T.plusSeconds(70), true);

        assertThat(absent.records()).isEmpty();
        assertThat(healed.records()).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(AlertRecord.Action.RESOLVED);
            assertThat(r.id()).isEqualTo(open.id());
        });
        assertThat(healed.open()).isNull();
        assertThat(healed.recheckAt()).isNull();
    }

    @Test
    void shouldLetNoLowerLayerSupersedeTheOpenAlertInHistory() {
        OpenAlert open = lifecycle.step("rtr", "p", null, List.of(DECAPS), VALUES, T).open();

        var step = lifecycle.step("rtr", "p", open, List.of(UNREACHABLE, DECAPS), VALUES, T.plusSeconds(5), true);

        assertThat(step.records()).extracting(AlertRecord::action).doesNotContain(AlertRecord.Action.OPENED,
                AlertRecord.Action.RESOLVED);
        assertThat(step.open().type()).isEqualTo(AlertType.DECAPS_STALLED);
        assertThat(step.recheckAt()).isEqualTo(T.plusSeconds(5).plus(Duration.ofMinutes(5)));
    }

    @Test
    void shouldGiveACommandWithAnUnknownValueInAFormThatRuns() {
        Placeholders unknown = new Placeholders("198.51.100.7", null, null, null);
        assertThat(unknown.runnable("ping <peer> source <src-if>")).contains("ping 198.51.100.7");
        assertThat(unknown.runnable("show ip access-lists <acl>")).contains("show ip access-lists");
        assertThat(unknown.runnable("ping <destination> size 1400 df-bit source <src-if>")).isEmpty();
        assertThat(new Placeholders("198.51.100.7", "GigabitEthernet0/0/2", "7", "VPN-ACL-232")
                .runnable("ping <peer> source <src-if>")).contains("ping 198.51.100.7 source GigabitEthernet0/0/2");
        assertThat(Placeholders.tunnelIdOf("Tunnel7")).isEqualTo("7");
        assertThat(Placeholders.tunnelIdOf("GigabitEthernet0/0/0")).isNull();
    }
}
