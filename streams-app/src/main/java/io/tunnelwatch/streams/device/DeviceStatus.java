package io.tunnelwatch.streams.device;

import java.time.Instant;

/**
 * Whether a device is silent, as every streams task sees it through the global store fed by the compacted
 * {@code tunnelwatch.device-status} topic. While it is silent, its peers' alerts are held
 * (docs/runbook.md#device-layer:
 * DeviceSilent suppresses all alerts of that device's peers).
 *
 * @param silentSince when the device was last heard from (the start of the silence); null when not silent
 * @param alertId     the id of the open DeviceSilent alert; null when not silent
 */
public record DeviceStatus(int v, String device, boolean silent, Instant silentSince, String alertId) {

    public static final int VERSION = 1;
}
