package io.tunnelwatch.collector.snmp.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.mib.IpsecFlowMonitorMib;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailureTableWatchTest {

    private static final Instant NOW = Instant.parse("2026-12-05T06:00:00Z");
    private static final int AUTH = IpsecFlowMonitorMib.CIKE_FAIL_REASONS.indexOf("authFailure");
    private static final int IKE_PROPOSAL = IpsecFlowMonitorMib.CIKE_FAIL_REASONS.indexOf("proposalFailure");
    private static final int PEER_LOST = IpsecFlowMonitorMib.CIKE_FAIL_REASONS.indexOf("peerLost");
    private static final int IPSEC_PROPOSAL = IpsecFlowMonitorMib.CIPSEC_FAIL_REASONS.indexOf("proposalFailure");

    private final FailureTableWatch watch = new FailureTableWatch("rtr-01");
    private final List<String> counted = new ArrayList<>();

    private List<TunnelEvent> poll(List<FailureRow> ike, List<FailureRow> ipsec) {
        return watch.onPoll(ike, ipsec, "127.0.1.1", NOW, (t, r, o) -> counted.add(t + " " + r + " " + o));
    }

    @Test
    void shouldTakeTheFirstPollsRowsAsHistoryAndTurnLaterOnesIntoTheFailuresTheyName() {
        assertThat(poll(List.of(new FailureRow(7, AUTH, "127.0.1.2")), List.of())).isEmpty();

        List<TunnelEvent> events = poll(List.of(new FailureRow(7, AUTH, "127.0.1.2"),
                new FailureRow(8, AUTH, "127.0.1.2"), new FailureRow(9, IKE_PROPOSAL, "127.0.1.3")),
                List.of(new FailureRow(1, IPSEC_PROPOSAL, "127.0.1.4")));

        assertThat(events).extracting(TunnelEvent::kind, TunnelEvent::peer).containsExactly(
                org.assertj.core.groups.Tuple.tuple(EventKind.IKE_AUTH_FAILED, "127.0.1.2"),
                org.assertj.core.groups.Tuple.tuple(EventKind.IKE_PROPOSAL_REJECTED, "127.0.1.3"),
                org.assertj.core.groups.Tuple.tuple(EventKind.IPSEC_SETUP_FAILED, "127.0.1.4"));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.device()).isEqualTo("rtr-01");
            assertThat(e.transport()).isEqualTo("snmp");
            assertThat(e.receivedAt()).isEqualTo(NOW);
        });
        assertThat(events.get(0).fields()).containsEntry("fail_index", "8").containsEntry("fail_count", "1")
                .containsEntry("fail_table", "cikeFailTable");
        assertThat(events.get(0).text()).contains("authFailure");
        assertThat(events.get(2).fields().get("fail_reason")).containsIgnoringCase("proposal");
        assertThat(counted).containsExactly("cikeFailTable authFailure EVENT", "cikeFailTable proposalFailure EVENT",
                "cipSecFailTable proposalFailure EVENT");
    }

    @Test
    void shouldMakeOneEventOfAPeersRepeatedFailuresWithTheirCount() {
        poll(List.of(), List.of());

        List<TunnelEvent> events = poll(List.of(new FailureRow(1, AUTH, "127.0.1.2"),
                new FailureRow(2, AUTH, "127.0.1.2"), new FailureRow(3, AUTH, "127.0.1.2")), List.of());

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.fields()).containsEntry("fail_index", "3").containsEntry("fail_count", "3");
            assertThat(e.text()).contains("3 failures since the last poll");
        });
        assertThat(counted).hasSize(3);
    }

    @Test
    void shouldCountReasonsThatDiagnoseNothingAndRowsWithoutAPeerWithoutAnEvent() {
        poll(List.of(), List.of());

        List<TunnelEvent> events = poll(List.of(new FailureRow(1, PEER_LOST, "127.0.1.2"),
                new FailureRow(2, 99, "127.0.1.2")), List.of(new FailureRow(1, IPSEC_PROPOSAL, null)));

        assertThat(events).isEmpty();
        assertThat(counted).containsExactly("cikeFailTable peerLost COUNTED", "cikeFailTable reason99 COUNTED",
                "cipSecFailTable proposalFailure NO_PEER");
    }

    @Test
    void shouldTakeEveryRowAsNewWhenTheRouterCountsFromOneAgain() {
        poll(List.of(new FailureRow(40, AUTH, "127.0.1.2"), new FailureRow(41, AUTH, "127.0.1.2")), List.of());
        assertThat(poll(List.of(new FailureRow(41, AUTH, "127.0.1.2")), List.of())).isEmpty();

        List<TunnelEvent> afterReload = poll(List.of(new FailureRow(1, IKE_PROPOSAL, "127.0.1.5"),
                new FailureRow(2, IKE_PROPOSAL, "127.0.1.5")), List.of());

        assertThat(afterReload).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.IKE_PROPOSAL_REJECTED);
            assertThat(e.fields()).containsEntry("fail_count", "2");
        });
    }

    @Test
    void shouldKeepItsPlaceWhenTheWindowEmptiesAndRowsAgeOut() {
        poll(List.of(new FailureRow(5, AUTH, "127.0.1.2")), List.of());
        assertThat(poll(List.of(), List.of())).isEmpty();

        assertThat(poll(List.of(new FailureRow(5, AUTH, "127.0.1.2"), new FailureRow(6, AUTH, "127.0.1.2")),
                List.of())).extracting(e -> e.fields().get("fail_index")).containsExactly("6");
    }
}
