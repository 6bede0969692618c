package io.tunnelwatch.streams.topology;

import static io.tunnelwatch.streams.PeerFixtures.T0;
import static io.tunnelwatch.streams.PeerFixtures.event;
import static io.tunnelwatch.streams.PeerFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.streams.metrics.PeerAlertMetrics;
import io.tunnelwatch.streams.verdict.AlertRecord;
import io.tunnelwatch.streams.verdict.AlertType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Healthy peers raise nothing: rekeys, idle tunnels, quiet nights; and a replayed input opens no twin. */
class HealthyPeersTopologyTest {

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PeerAlertMetrics metrics = new PeerAlertMetrics(registry);
    private AlertTopologyDriver tw;

    @BeforeEach
    void start() {
        tw = new AlertTopologyDriver(stateDir, T0, metrics);
    }

    @AfterEach
    void stop() {
        if (tw != null) {
            tw.close();
        }
    }

    @Test
    void shouldRaiseNothingThroughRekeysWithExpiredSasAndNewSaRows() {
        tw.pipe(event(EventKind.SESSION_UP, T0));
        Instant t = T0;
        for (int hour = 1; hour <= 3; hour++) {
            t = T0.plus(Duration.ofHours(hour));
            tw.pipe(event(EventKind.IKE_SA_EXPIRED, t));
            tw.pipe(event(EventKind.IPSEC_SA_UP, t.plusSeconds(1)));
            tw.pipe(sample(t.plusSeconds(2), 2, 50, 50));
            tw.pipe(event(EventKind.IPSEC_SA_DOWN, t.plusSeconds(3)));
            tw.pipe(sample(t.plusSeconds(32), 1, 50, 50));
        }
        tw.advance(Duration.ofHours(4));

        assertThat(tw.alerts()).isEmpty();
    }

    @Test
    void shouldNotTakeAnIdleTunnelWithZeroDeltasBothWaysForAStall() {
        tw.pipe(event(EventKind.SESSION_UP, T0));
        for (int i = 1; i <= 10; i++) {
            tw.pipe(sample(T0.plusSeconds(30L * i), 1, 0, 0));
        }
        tw.advance(Duration.ofMinutes(10));

        assertThat(tw.alerts()).isEmpty();
    }

    @Test
    void shouldStayQuietThroughANightWithoutMessages() {
        tw.pipe(event(EventKind.SESSION_UP, T0));
        tw.pipe(sample(T0.plusSeconds(30), 1, 10, 12));
        tw.advance(Duration.ofHours(8));

        assertThat(tw.alerts()).isEmpty();
        assertThat(metrics.openCount(AlertType.PEER_UNREACHABLE)).isZero();
    }

    @Test
    void shouldOpenNoDuplicateWhenTheSameInputIsReplayed() {
        var down = event(EventKind.SESSION_DOWN, T0);
        tw.pipe(down);
        tw.advance(Duration.ofSeconds(61));
        assertThat(tw.alerts()).extracting(AlertRecord::action).containsExactly(AlertRecord.Action.OPENED);

        tw.pipe(down);
        tw.pipe(event(EventKind.SESSION_DOWN, T0.plusSeconds(62)));
        tw.advance(Duration.ofSeconds(30));

        assertThat(tw.alerts()).isEmpty();
        assertThat(metrics.openCount(AlertType.PEER_UNREACHABLE)).isEqualTo(1);
    }

    @Test
    void shouldServeTheAlertGaugeWhileOpenAndRemoveItWhenResolved() {
        assertThat(registry.get("tunnelwatch.alerts.open").tags("alert", "DecapsStalled", "severity", "critical")
                .gauge().value()).isZero();
        tw.pipe(event(EventKind.SESSION_UP, T0));
        for (int i = 1; i <= 3; i++) {
            tw.pipe(sample(T0.plusSeconds(30L * i), 1, 100, 0));
        }

        var gauge = registry.find("tunnelwatch.peer.alert").tags("device", "rtr-hq-1", "peer", "198.51.100.7",
                "alert", "DecapsStalled", "layer", "traffic", "severity", "critical").gauge();
        assertThat(gauge).isNotNull();
        assertThat(gauge.value()).isEqualTo(1.0);
        assertThat(registry.get("tunnelwatch.alerts.open").tags("alert", "DecapsStalled").gauge().value())
                .isEqualTo(1.0);

        for (int i = 4; i <= 7; i++) {
            tw.pipe(sample(T0.plusSeconds(30L * i), 1, 100, 100));
        }
        List<AlertRecord> after = tw.alerts();
        assertThat(after).extracting(AlertRecord::action).contains(AlertRecord.Action.RESOLVED);
        assertThat(registry.find("tunnelwatch.peer.alert").gauges()).isEmpty();
        assertThat(metrics.openCount(AlertType.DECAPS_STALLED)).isZero();
    }

    @Test
    void shouldRemoveTheAlertSeriesWhenThePartitionIsClosed() {
        tw.pipe(event(EventKind.INVALID_SPI, T0));
        assertThat(registry.find("tunnelwatch.peer.alert").gauges()).hasSize(1);

        tw.close();
        tw = null;

        assertThat(registry.find("tunnelwatch.peer.alert").gauges()).isEmpty();
    }
}
