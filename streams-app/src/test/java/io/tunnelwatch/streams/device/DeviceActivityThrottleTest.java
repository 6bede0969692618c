package io.tunnelwatch.streams.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.streams.peer.DeviceActivity;
import io.tunnelwatch.streams.peer.DeviceActivity.Kind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The device tracker hears of each device and kind at most once per interval, and never misses a first or late one. */
class DeviceActivityThrottleTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private final DeviceActivityThrottle throttle = new DeviceActivityThrottle(Duration.ofSeconds(30), 2);

    @Test
    void shouldSendTheFirstOfEachDeviceAndKindThenOncePerInterval() {
        assertThat(throttle.shouldSend(heard("rtr-1", 0))).isTrue();
        assertThat(throttle.shouldSend(heard("rtr-1", 29))).isFalse();
        assertThat(throttle.shouldSend(activity("rtr-1", Kind.POLL_FAILED, 29))).as("another kind").isTrue();
        assertThat(throttle.shouldSend(heard("rtr-2", 29))).as("another device").isTrue();
        assertThat(throttle.shouldSend(heard("rtr-1", 30))).isTrue();
        assertThat(throttle.shouldSend(heard("rtr-1", 59))).isFalse();
    }

    @Test
    void shouldSendAnActivityOlderThanTheLastSent() {
        assertThat(throttle.shouldSend(heard("rtr-1", 100))).isTrue();

        assertThat(throttle.shouldSend(heard("rtr-1", 90))).isTrue();
    }

    /** Bounded per kind: the device heard of longest ago is forgotten, and its next activity is sent once more. */
    @Test
    void shouldForgetTheLeastRecentlyUsedDeviceBeyondItsBound() {
        throttle.shouldSend(heard("rtr-1", 0));
        throttle.shouldSend(heard("rtr-2", 0));
        throttle.shouldSend(heard("rtr-1", 1));
        throttle.shouldSend(heard("rtr-3", 2));

        assertThat(throttle.shouldSend(heard("rtr-1", 3))).as("used recently, kept").isFalse();
        assertThat(throttle.shouldSend(heard("rtr-2", 3))).as("forgotten").isTrue();
    }

    private static DeviceActivity heard(String device, int second) {
        return activity(device, Kind.HEARD, second);
    }

    private static DeviceActivity activity(String device, Kind kind, int second) {
        return new DeviceActivity(DeviceActivity.VERSION, device, kind, T0.plusSeconds(second));
    }
}
