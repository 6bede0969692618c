package io.tunnelwatch.streams.query;

import static io.tunnelwatch.streams.PeerFixtures.T0;
import static io.tunnelwatch.streams.PeerFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.streams.alert.PeerAlerting;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.device.DeviceStatus;
import io.tunnelwatch.streams.peer.Milestone;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateMachine;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The peer query's answer: state, recent events, the open alert with its diagnosis and filled commands. */
class PeerViewTest {

    @Test
    void shouldCarryTheOpenAlertWithItsCauseAndFilledCommands() {
        PeerState s = new PeerStateMachine().apply(null, event(EventKind.SESSION_DOWN, T0,
                Map.of("source_interface", "GigabitEthernet0/0/0")));
        s = new PeerAlerting(DetectorSettings.defaults()).evaluate(s, T0.plusSeconds(61)).state();

        PeerView view = PeerView.of(s, null);

        assertThat(view.phase()).isEqualTo("DOWN");
        assertThat(view.recentEvents()).singleElement().asString().contains("CRYPTO-5-SESSION_DOWN");
        assertThat(view.alert().alert()).isEqualTo("PeerUnreachable");
        assertThat(view.alert().layer()).isEqualTo("UNDERLAY");
        assertThat(view.alert().cause()).contains("went down and did not come back");
        assertThat(view.alert().commands()).contains("ping 198.51.100.7 source GigabitEthernet0/0/0");
        assertThat(view.deviceSilentSince()).isNull();
        assertThat(view.timeline()).extracting(Milestone::kind, Milestone::name).containsExactly(
                tuple(Milestone.Kind.PHASE, "DOWN"), tuple(Milestone.Kind.OPENED, "PeerUnreachable"));
    }

    @Test
    void shouldSayWhenTheDeviceIsSilent() {
        PeerState s = PeerState.unknown("rtr-hq-1", "198.51.100.7");

        PeerView view = PeerView.of(s, new DeviceStatus(DeviceStatus.VERSION, "rtr-hq-1", true, T0, "id"));

        assertThat(view.alert()).isNull();
        assertThat(view.deviceSilentSince()).isEqualTo(T0);
    }
}
