package io.tunnelwatch.collector.kafka;

import io.tunnelwatch.collector.inventory.Device;
import io.tunnelwatch.collector.inventory.Inventory;
import io.tunnelwatch.events.DeviceAddress;
import io.tunnelwatch.events.topic.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the inventory's addresses to the compacted {@code tunnelwatch.device-addresses} once at start (address →
 * device name), so the streams app can pair the two ends of a tunnel between monitored routers. Best effort: the
 * records are handed to the collector's producer, which delivers them with the rest; a failure is logged, not fatal,
 * since only the both-ends correlation needs them.
 */
public final class DeviceAddressPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceAddressPublisher.class);

    private DeviceAddressPublisher() {
    }

    /** Hands one record per address of every device to {@code producer}; returns how many were handed over. */
    public static int publish(Inventory inventory, Producer<byte[], byte[]> producer) {
        String topic = Topics.DEVICE_ADDRESSES.name();
        Serializer<String> keys = Topics.DEVICE_ADDRESSES.keySerde().serializer();
        Serializer<DeviceAddress> values = Topics.DEVICE_ADDRESSES.valueSerde().serializer();
        int sent = 0;
        try {
            for (Device device : inventory.devices()) {
                for (String address : device.addresses()) {
                    byte[] value = values.serialize(topic, new DeviceAddress(DeviceAddress.VERSION, address,
                            device.name()));
                    producer.send(new ProducerRecord<>(topic, keys.serialize(topic, address), value), (meta, e) -> {
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
        }
        return sent;
    }
}
