package io.tunnelwatch.streams.device;

import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.Finding;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * DeviceSilent [DEVICE] (docs/architecture.md#detectors-and-alerts, docs/runbook.md#device-layer): no syslog, no trap
 * and no answered poll from a
 * device for {@code silenceAfter}, while its polls fail. Both halves are needed: a quiet router that answers polls is
 * healthy, and a router that is never polled cannot be told apart from a quiet one, so it is never called silent.
 */
public final class DeviceSilentDetector {

    private final DetectorSettings settings;

    public DeviceSilentDetector(DetectorSettings settings) {
        this.settings = settings;
    }

    public Optional<Finding> detect(DeviceState s, Instant now) {
        Instant since = s.silentSince();
        if (since == null || now.isBefore(since.plus(settings.silenceAfter()))) {
            return Optional.empty();
        }
        String heard = s.lastHeardAt() == null ? "never heard from" : "last heard from at " + s.lastHeardAt();
        List<String> evidence = List.of(
                s.device() + " " + heard,
                "SNMP polls failing since " + s.firstFailedPollAt() + ", last failure " + s.lastFailedPollAt());
        return Optional.of(new Finding(AlertType.DEVICE_SILENT, "nothing heard from " + s.device()
                + " since " + since + " (no syslog or traps) and its SNMP polls fail: the router is down or "
                + "unreachable from tunnelwatch", evidence));
    }

    /** When the answer may change with no new activity: the end of the silence threshold. */
    public Optional<Instant> nextCheck(DeviceState s, Instant now) {
        Instant since = s.silentSince();
        Instant due = since == null ? null : since.plus(settings.silenceAfter());
        return due != null && due.isAfter(now) ? Optional.of(due) : Optional.empty();
    }
}
