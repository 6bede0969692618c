package io.tunnelwatch.streams.peer;

import java.time.Instant;
import java.util.Objects;

/**
 * That a device was heard from (a syslog message, a trap, an answered poll) or that a poll of it failed; the value of
 * {@code tunnelwatch.device-activity}, keyed {@code device|*} (docs/architecture.md#topics: device-wide records).
 * The peer tracker writes it, so silence is judged per device in one task whichever partitions the peers hash to.
 */
public record DeviceActivity(int v, String device, Kind kind, Instant at) {

    public static final int VERSION = 1;

    public enum Kind { HEARD, POLL_FAILED }

    public DeviceActivity {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }
}
