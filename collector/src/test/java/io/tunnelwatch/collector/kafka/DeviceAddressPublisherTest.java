package io.tunnelwatch.collector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.collector.inventory.Device;
import io.tunnelwatch.collector.inventory.Inventory;
import io.tunnelwatch.events.DeviceAddress;
import io.tunnelwatch.events.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The inventory's addresses go to tunnelwatch.device-addresses, one record per address, keyed by it. */
class DeviceAddressPublisherTest {

    @Test
    void shouldPublishEveryAddressOfEveryDeviceKeyedByTheAddress() {
        var producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        Inventory inventory = new Inventory(List.of(
                new Device("rtr-a", List.of("192.0.2.1", "2001:db8::1"), null, null, List.of()),
                new Device("rtr-b", List.of("198.51.100.7"), null, null, List.of())));

        assertThat(DeviceAddressPublisher.publish(inventory, producer)).isEqualTo(3);

        assertThat(producer.history()).extracting(ProducerRecord::topic).containsOnly("tunnelwatch.device-addresses");
        assertThat(producer.history()).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("192.0.2.1", "2001:db8::1", "198.51.100.7");
        assertThat(Topics.DEVICE_ADDRESSES.valueSerde().deserializer()
                .deserialize("tunnelwatch.device-addresses", producer.history().get(2).value()))
                .isEqualTo(new DeviceAddress(1, "198.51.100.7", "rtr-b"));
        assertThat(producer.closed()).as("the producer is the collector's, shared: it stays open").isFalse();
    }
}
