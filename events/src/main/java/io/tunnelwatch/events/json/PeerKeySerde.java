package io.tunnelwatch.events.json;

import io.tunnelwatch.events.PeerKey;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** {@link PeerKey} on the wire as the UTF-8 text {@code device|peer}, readable by any Kafka tool. */
public final class PeerKeySerde implements Serde<PeerKey> {

    @Override
    public Serializer<PeerKey> serializer() {
        return (topic, key) -> key == null ? null : key.utf8();
    }

    @Override
    public Deserializer<PeerKey> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return PeerKey.parse(new String(bytes, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new SerializationException("bad key on " + topic + ": " + e.getMessage(), e);
            }
        };
    }
}
