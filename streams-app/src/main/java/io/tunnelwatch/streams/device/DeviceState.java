package io.tunnelwatch.streams.device;

import io.tunnelwatch.streams.peer.DeviceActivity;
import io.tunnelwatch.streams.verdict.OpenAlert;
import java.time.Instant;

/**
 * What tunnelwatch knows about whether it hears a device (docs/runbook.md#device-layer); the value of the
 * {@code device-state} store, keyed {@code device|*}. Pure: {@link #apply} folds one activity in.
 *
 * @param lastHeardAt       the last syslog message, trap or answered poll
 * @param firstFailedPollAt the first failed poll since the device was last heard; null when none failed since
 * @param lastFailedPollAt  the last failed poll
 * @param openAlert         the open DeviceSilent alert, or null
 * @param nextCheckAt       the device's timer in the deadline index, or null
 */
public record DeviceState(int v, String device, Instant lastHeardAt, Instant firstFailedPollAt,
                          Instant lastFailedPollAt, OpenAlert openAlert, Instant nextCheckAt) {

    public static final int VERSION = 1;

    public static DeviceState unknown(String device) {
        return new DeviceState(VERSION, device, null, null, null, null, null);
    }

    public DeviceState apply(DeviceActivity a) {
        if (a.kind() == DeviceActivity.Kind.HEARD) {
            Instant heard = lastHeardAt == null || a.at().isAfter(lastHeardAt) ? a.at() : lastHeardAt;
            boolean failedSince = lastFailedPollAt != null && lastFailedPollAt.isAfter(heard);
            return new DeviceState(VERSION, device, heard, failedSince ? firstFailedPollAt : null, lastFailedPollAt,
                    openAlert, nextCheckAt);
        }
        Instant last = lastFailedPollAt == null || a.at().isAfter(lastFailedPollAt) ? a.at() : lastFailedPollAt;
        Instant first = firstFailedPollAt == null ? a.at() : firstFailedPollAt;
        return new DeviceState(VERSION, device, lastHeardAt, first, last, openAlert, nextCheckAt);
    }

    /** Since when nothing has been heard while polls fail; null while the device is heard or no poll failed. */
    public Instant silentSince() {
        boolean failing = lastFailedPollAt != null && (lastHeardAt == null || lastFailedPollAt.isAfter(lastHeardAt));
        if (!failing) {
            return null;
        }
        return lastHeardAt != null ? lastHeardAt : firstFailedPollAt;
    }

    public DeviceState with(OpenAlert alert, Instant next) {
        return new DeviceState(VERSION, device, lastHeardAt, firstFailedPollAt, lastFailedPollAt, alert, next);
    }
}
