package io.tunnelwatch.streams.topology;

import static io.tunnelwatch.streams.PeerFixtures.PEER;
import static io.tunnelwatch.streams.PeerFixtures.T0;
import static io.tunnelwatch.streams.PeerFixtures.event;
import static io.tunnelwatch.streams.PeerFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.PeerKey;
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

/**
 * DeviceSilent through the whole topology (docs/runbook.md#device-layer): a device heard from and then only failing
 * polls for
 * five minutes opens one alert keyed {@code device|*}; its peers' alerts are held meanwhile; hearing it again
 * resolves the alert and lets the peers' own findings through.
 */
class DeviceSilentTopologyTest {

    private static final PeerKey DEVICE = PeerKey.deviceWide(PEER.device());

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
        tw.close();
    }

    @Test
    void shouldOpenDeviceSilentAfterFiveMinutesOfFailedPollsHoldThePeersAlertAndResolveWhenHeardAgain() {
        tw.pipe(event(EventKind.SESSION_UP, T0));
        tw.pipe(event(EventKind.INVALID_SPI, T0.plusSeconds(20)));
        assertThat(single(tw.alerts()).alert()).isEqualTo("InvalidSpi");
        for (int i = 1; i <= 9; i++) {
            tw.pipe(unanswered(T0.plusSeconds(30L * i)));
        }
        tw.advance(Duration.ofSeconds(299));
        assertThat(tw.alerts()).isEmpty();

        tw.advance(Duration.ofSeconds(2));
        AlertRecord opened = single(tw.alerts());
        assertThat(opened.alert()).isEqualTo("DeviceSilent");
        assertThat(opened.layer()).isEqualTo("DEVICE");
        assertThat(opened.device()).isEqualTo(PEER.device());
        assertThat(opened.peer()).isEqualTo(PeerKey.ANY_PEER);
        assertThat(opened.cause()).contains("nothing heard from rtr-hq-1 since " + T0);
        assertThat(opened.commands()).contains("show logging", "show snmp");
        assertThat(metrics.openCount(AlertType.DEVICE_SILENT)).isEqualTo(1);

        // InvalidSpi's message window ends at +320 s and it would resolve at +380 s: held while the device is silent.
        tw.advance(Duration.ofSeconds(150));
        assertThat(tw.alerts()).as("the peer's open alert is held, not resolved").isEmpty();
        assertThat(metrics.openCount(AlertType.INVALID_SPI)).isEqualTo(1);

        tw.pipe(sample(T0.plusSeconds(460), 1, 10, 10));
        tw.advance(Duration.ofSeconds(68));
        assertThat(tw.alerts()).as("hysteresis: heard again at +460 s, resolves at +520 s").isEmpty();
        tw.advance(Duration.ofSeconds(2));
        AlertRecord resolved = single(tw.alerts());
        assertThat(resolved.alert()).isEqualTo("DeviceSilent");
        assertThat(resolved.action()).isEqualTo(AlertRecord.Action.RESOLVED);
        assertThat(resolved.id()).isEqualTo(opened.id());
        assertThat(metrics.openCount(AlertType.DEVICE_SILENT)).isZero();

        // One punctuation per step, as the wall clock ticks: the peer sees the device's return, then its own state.
        for (int step = 0; step < 12; step++) {
            tw.advance(Duration.ofSeconds(10));
        }
        assertThat(single(tw.alerts())).extracting(AlertRecord::action, AlertRecord::alert)
                .containsExactly(AlertRecord.Action.RESOLVED, "InvalidSpi");
    }

    @Test
    void shouldRaiseNothingForAQuietDeviceThatAnswersItsPolls() {
        tw.pipe(event(EventKind.SESSION_UP, T0));
        for (int i = 1; i <= 60; i++) {
            tw.pipe(sample(T0.plusSeconds(60L * i), 1, 0, 0));
        }
        tw.advance(Duration.ofHours(2));

        assertThat(tw.alerts()).isEmpty();
    }

    @Test
    void shouldRaiseNothingWhenAFewPollsFailWhileSyslogStillArrives() {
        tw.pipe(event(EventKind.SESSION_UP, T0));
        for (int i = 1; i <= 20; i++) {
            tw.pipe(unanswered(T0.plusSeconds(60L * i)));
            tw.pipe(event(EventKind.IKE_SA_EXPIRED, T0.plusSeconds(60L * i + 5)));
        }
        tw.advance(Duration.ofMinutes(25));

        assertThat(tw.alerts()).isEmpty();
    }

    @Test
    void shouldJudgeADeviceWideFailedPollWithNoKnownPeer() {
        tw.pipe(new CounterSample(CounterSample.VERSION, DEVICE.device(), DEVICE.peer(), T0, false, 0, null, null,
                null, null));
        tw.advance(Duration.ofMinutes(5).plusSeconds(1));

        AlertRecord opened = single(tw.alerts());
        assertThat(opened.alert()).isEqualTo("DeviceSilent");
        assertThat(opened.cause()).contains("since " + T0);
    }

    private static CounterSample unanswered(Instant at) {
        return new CounterSample(CounterSample.VERSION, PEER.device(), PEER.peer(), at, false, 0, null, null, null,
                null);
    }

    private static AlertRecord single(List<AlertRecord> records) {
        assertThat(records).hasSize(1);
        return records.get(0);
    }
}
