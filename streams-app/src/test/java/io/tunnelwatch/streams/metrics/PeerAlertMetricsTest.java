package io.tunnelwatch.streams.metrics;

import static io.tunnelwatch.streams.PeerFixtures.PEER;
import static io.tunnelwatch.streams.PeerFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.OpenAlert;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerAlertMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PeerAlertMetrics metrics = new PeerAlertMetrics(registry);

    @Test
    void shouldCarryTheCauseAndTheFirstCompleteCommandsBesideTheOpenAlert() {
        metrics.updated(PEER, unreachable("no answer to IKE from 198.51.100.7: MM_NO_STATE for 62 s",
                "GigabitEthernet0/0/2"));

        assertThat(registry.find("tunnelwatch.peer.alert").gauges()).singleElement()
                .satisfies(g -> assertThat(g.value()).isEqualTo(1.0));
        Gauge info = registry.find("tunnelwatch.peer.alert.diagnosis").gauge();
        assertThat(info.getId().getTag("device")).isEqualTo("rtr-hq-1");
        assertThat(info.getId().getTag("peer")).isEqualTo("198.51.100.7");
        assertThat(info.getId().getTag("layer")).isEqualTo("underlay");
        assertThat(info.getId().getTag("cause")).isEqualTo("no answer to IKE from 198.51.100.7: MM_NO_STATE for 62 s");
        assertThat(info.getId().getTag("summary")).contains("does not answer IKE");
        assertThat(info.getId().getTag("commands")).isEqualTo("ping 198.51.100.7 source GigabitEthernet0/0/2");
    }

    /**
     * On a real Prometheus scrape, not only in Micrometer: the Prometheus client reserves the suffix {@code _info}
     * for its own info type and strips it from a gauge's name, so a gauge named {@code tunnelwatch.peer.alert.info}
     * collided with {@code tunnelwatch_peer_alert}, was refused at registration and never served.
     */
    @Test
    void shouldServeTheDiagnosisOnAPrometheusScrapeBesideTheAlert() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new PeerAlertMetrics(prometheus).updated(PEER, unreachable("no answer to IKE", "Gi1"));

        List<String> series = prometheus.scrape().lines().filter(l -> l.startsWith("tunnelwatch_peer_alert")).toList();

        assertThat(series).hasSize(2);
        assertThat(series).anySatisfy(l -> assertThat(l).startsWith("tunnelwatch_peer_alert{"));
        assertThat(series).anySatisfy(l -> assertThat(l).startsWith("tunnelwatch_peer_alert_diagnosis{")
                .contains("cause=\"no answer to IKE\"", "commands=\"ping 198.51.100.7 source Gi1\""));
    }

    @Test
    void shouldLeaveOutACommandThatStillHoldsAPlaceholder() {
        metrics.updated(PEER, unreachable("no answer to IKE", null));

        String commands = registry.find("tunnelwatch.peer.alert.diagnosis").gauge().getId().getTag("commands");
        assertThat(commands).doesNotContain("<").doesNotContain("ping 198.51.100.7 source");
    }

    @Test
    void shouldReplaceTheInfoSeriesWhenTheDiagnosisChangesAndDropBothOnResolve() {
        metrics.updated(PEER, unreachable("the session went down", "Gi1"));
        metrics.updated(PEER, unreachable("no answer to IKE", "Gi1"));

        Collection<Gauge> infos = registry.find("tunnelwatch.peer.alert.diagnosis").gauges();
        assertThat(infos).singleElement().satisfies(g -> assertThat(g.getId().getTag("cause"))
                .isEqualTo("no answer to IKE"));
        assertThat(registry.find("tunnelwatch.peer.alert").gauges()).hasSize(1);

        metrics.updated(PEER, PeerState.unknown(PEER.device(), PEER.peer()));

        assertThat(registry.find("tunnelwatch.peer.alert.diagnosis").gauges()).isEmpty();
        assertThat(registry.find("tunnelwatch.peer.alert").gauges()).isEmpty();
        assertThat(metrics.openCount(AlertType.PEER_UNREACHABLE)).isZero();
    }

    @Test
    void shouldCutALongCauseAtAWordAndKeepItOnOneLine() {
        String longCause = "word ".repeat(100) + "\nsecond line";
        metrics.updated(PEER, unreachable(longCause, "Gi1"));

        String cause = registry.find("tunnelwatch.peer.alert.diagnosis").gauge().getId().getTag("cause");
        assertThat(cause).hasSizeLessThanOrEqualTo(AlertPage.MAX_CAUSE).doesNotContain("\n").endsWith("…");
    }

    private static PeerState unreachable(String cause, String sourceInterface) {
        OpenAlert alert = new OpenAlert(OpenAlert.idOf(PEER.device(), PEER.peer(), AlertType.PEER_UNREACHABLE, T0),
                AlertType.PEER_UNREACHABLE, T0, cause, List.of(), null);
        PeerState.Builder b = PeerState.unknown(PEER.device(), PEER.peer()).toBuilder().openAlert(alert);
        if (sourceInterface != null) {
            b.sourceInterface(sourceInterface);
        }
        return b.build();
    }
}
