package io.tunnelwatch.collector.kafka;

import io.tunnelwatch.collector.inventory.Device;
import io.tunnelwatch.collector.inventory.Inventory;
import io.tunnelwatch.events.DeviceAddress;
import io.tunnelwatch.events.topic.Topics;
import java.time.Duration;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the inventory's addresses to the compacted {@code tunnelwatch.device-addresses} once at start (address →
 * device name), so the streams app can pair the two ends of a tunnel between monitored routers. Best effort: the
 * records are handed to the producer and the producer is closed with a bound; a failure is logged, not fatal, since
 * only the both-ends correlation needs them.
 */
public final class DeviceAddressPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceAddressPublisher.class);
    static final Duration CLOSE_WITHIN = Duration.ofSeconds(10);

    private DeviceAddressPublisher() {
    }

    /** Sends one record per address of every device and closes {@code producer}; returns how many were sent. */
    public static int publish(Inventory inventory, Producer<String, DeviceAddress> producer) {
        int sent = 0;
        try {
            for (Device device : inventory.devices()) {
                for (String address : device.addresses()) {
                    producer.send(new ProducerRecord<>(Topics.DEVICE_ADDRESSES.name(), address,
                            new DeviceAddress(DeviceAddress.VERSION, address, device.name())), (meta, e) -> {
                                if (e != null) {
                                    LOG.warn("Could not publish the address {} of {}: {}", address, device.name(),
                                            e.toString());
                                }
                            });
                    sent++;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not publish the inventory's addresses: {}", e.toString());
        } finally {
            // Waits for the sends, within a bound: a Kafka that does not answer must not hold up the start.
            producer.close(CLOSE_WITHIN);
        }
        return sent;
    }
}
