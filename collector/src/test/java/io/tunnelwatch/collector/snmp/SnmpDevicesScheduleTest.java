package io.tunnelwatch.collector.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.collector.inventory.InventoryLoader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A device's poll schedule: its inventory timing over the poller's defaults. */
class SnmpDevicesScheduleTest {

    @Test
    void shouldTakeEachTimingFromTheInventoryAndTheRestFromTheDefaults() {
        var devices = SnmpDevices.from(InventoryLoader.parse("inventory.yaml", """
                devices:
                  - name: tuned
                    addresses: [192.0.2.1]
                    snmp: {version: 2c, community: c, pollInterval: 2m, pollJitter: 5s, pollTimeout: 800ms,
                           pollRetries: 4}
                  - name: fast
                    addresses: [192.0.2.2]
                    snmp: {version: 2c, community: c, pollInterval: 30s}
                  - name: plain
                    addresses: [192.0.2.3]
                    snmp: {version: 2c, community: c}
                """));

        assertThat(devices).extracting(SnmpDevice::schedule).containsExactly(
                new SnmpDevice.Schedule(Duration.ofMinutes(2), Duration.ofSeconds(5), Duration.ofMillis(800), 4),
                new SnmpDevice.Schedule(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(3), 2),
                SnmpDevice.Schedule.DEFAULT);
    }
}
