package io.tunnelwatch.collector.snmp.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.TunnelEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlaProbeWatchTest {

    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");
    private final SlaProbeWatch watch = new SlaProbeWatch("rtr-1");

    private List<EventKind> poll(SlaProbe... probes) {
        return watch.onPoll(List.of(probes), "192.0.2.1", AT).stream().map(TunnelEvent::kind).toList();
    }

    @Test
    void shouldTellEachProbesVerdictWhenFirstSeenAndThenOnlyWhenItChanges() {
        assertThat(poll(new SlaProbe(1, "198.51.100.7", "", 4), new SlaProbe(2, "198.51.100.8", "", 1)))
                .containsExactly(EventKind.UNDERLAY_PROBE_FAILED, EventKind.UNDERLAY_PROBE_OK);
        assertThat(poll(new SlaProbe(1, "198.51.100.7", "", 2), new SlaProbe(2, "198.51.100.8", "", 3)))
                .as("disconnected is still failing, overThreshold still reached").isEmpty();
        assertThat(poll(new SlaProbe(1, "198.51.100.7", "", 1), new SlaProbe(2, "198.51.100.8", "", 7)))
                .containsExactly(EventKind.UNDERLAY_PROBE_OK, EventKind.UNDERLAY_PROBE_FAILED);
    }

    @Test
    void shouldKeepTheLastVerdictThroughResultsThatSayNeither() {
        assertThat(poll(new SlaProbe(1, "198.51.100.7", "", 4))).containsExactly(EventKind.UNDERLAY_PROBE_FAILED);
        assertThat(poll(new SlaProbe(1, "198.51.100.7", "", 5))).as("busy").isEmpty();
        assertThat(poll(new SlaProbe(1, "198.51.100.7", "", 0))).as("other").isEmpty();
        assertThat(poll(new SlaProbe(1, "198.51.100.7", "", 6))).as("notConnected: still failing").isEmpty();
    }

    @Test
    void shouldNameThePeerTheSenseAndTheProbe() {
        TunnelEvent e = watch.onPoll(List.of(new SlaProbe(9, "2001:db8::7", " to B ", 4)), "192.0.2.1", AT).get(0);

        assertThat(e.device()).isEqualTo("rtr-1");
        assertThat(e.peer()).isEqualTo("2001:db8::7");
        assertThat(e.receivedAt()).isEqualTo(AT);
        assertThat(e.transport()).isEqualTo("snmp");
        assertThat(e.fields()).containsEntry("sla_index", "9").containsEntry("sense", "timeout")
                .containsEntry("sla_tag", "to B");
    }
}
