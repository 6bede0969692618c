package io.tunnelwatch.streams.device;

import io.tunnelwatch.streams.peer.DeviceActivity;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the re-keyed device activity small: per device and kind, at most one record every {@code every}. Silence is
 * judged over minutes, so a heard-from time up to {@code every} old changes nothing. In memory and bounded (least
 * recently used devices forgotten): after a restart or an eviction, one extra record is sent, never one too few.
 */
public final class DeviceActivityThrottle {

    public static final Duration DEFAULT_EVERY = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_DEVICES = 10_000;

    private final Duration every;
    /** Per kind, then by device: no key to build for each record (docs/performance.md#listeners-told-what-changed). */
    private final Map<DeviceActivity.Kind, Map<String, Instant>> lastSent = new EnumMap<>(DeviceActivity.Kind.class);

    public DeviceActivityThrottle(Duration every, int maxDevices) {
        this.every = every;
        for (DeviceActivity.Kind kind : DeviceActivity.Kind.values()) {
            lastSent.put(kind, new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                    return size() > maxDevices;
                }
            });
        }
    }

    /** True when this activity should be sent (and records it as sent). */
    public boolean shouldSend(DeviceActivity a) {
        Map<String, Instant> sent = lastSent.get(a.kind());
        Instant last = sent.get(a.device());
        if (last != null && a.at().isBefore(last.plus(every)) && !a.at().isBefore(last)) {
            return false;
        }
        sent.put(a.device(), a.at());
        return true;
    }
}
