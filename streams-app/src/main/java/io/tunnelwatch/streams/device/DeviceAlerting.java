package io.tunnelwatch.streams.device;

import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.streams.alert.AlertLifecycle;
import io.tunnelwatch.streams.alert.Placeholders;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.verdict.AlertRecord;
import io.tunnelwatch.streams.verdict.Finding;
import io.tunnelwatch.streams.verdict.OpenAlert;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * DeviceSilent's judgement of one device (pure, no Kafka types; docs/runbook.md#device-layer): runs
 * {@link DeviceSilentDetector} through the same {@link AlertLifecycle} as the peers and says when the silence opened or
 * closed, which every peer tracker must learn (its {@link DeviceStatus}).
 */
public final class DeviceAlerting {

    private final DeviceSilentDetector detector;
    private final AlertLifecycle lifecycle;

    public DeviceAlerting(DetectorSettings settings) {
        this.detector = new DeviceSilentDetector(settings);
        this.lifecycle = new AlertLifecycle(settings.resolveAfter(), settings.catchUpHorizon());
    }

    /**
     * @param state  the device's state after its next check ({@code nextCheckAt()}) and alert
     * @param status present when the silence opened or closed: the status to publish
     */
    public record Outcome(DeviceState state, List<AlertRecord> records, Optional<DeviceStatus> status) {
    }

    /**
     * @param prior   the state before the input (null for a device not seen before)
     * @param applied the state with the input applied
     * @param history whether {@code now} is history being replayed: the silence does not open
     */
    public Outcome evaluate(PeerKey key, DeviceState prior, DeviceState applied, Instant now, boolean history) {
        Optional<Finding> finding = detector.detect(applied, now);
        AlertLifecycle.Step step = lifecycle.step(key.device(), key.peer(), applied.openAlert(),
                finding.stream().toList(), new Placeholders(key.peer(), null, null, null), now, history);
        Instant next = lifecycle.nextLook(detector.nextCheck(applied, now).orElse(null), step);
        OpenAlert before = prior == null ? null : prior.openAlert();
        OpenAlert open = step.open();
        Optional<DeviceStatus> status = Objects.equals(idOf(before), idOf(open)) ? Optional.empty()
                : Optional.of(new DeviceStatus(DeviceStatus.VERSION, key.device(), open != null,
                        open == null ? null : applied.silentSince(), idOf(open)));
        return new Outcome(applied.with(open, next), step.records(), status);
    }

    private static String idOf(OpenAlert alert) {
        return alert == null ? null : alert.id();
    }
}
