package io.tunnelwatch.streams.topology;

import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateCodec;
import java.time.DateTimeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of the {@code peer-state} store and its changelog, internal to the streams app: writes
 * {@link PeerStateCodec}'s binary form; reads it and also the JSON of {@link PeerStateSerde}, which the store held
 * before release 0.2 (a JSON record starts with {@code '{'}, a binary one with its layout byte), so an upgraded
 * instance restores the changelog an older one wrote. {@code tunnelwatch.peer-state}, which others read, stays JSON.
 */
public final class PeerStateStoreSerde implements Serde<PeerState> {

    private final Deserializer<PeerState> json = new PeerStateSerde().deserializer();
    private final ThreadLocal<PeerStateCodec> codecs = ThreadLocal.withInitial(PeerStateCodec::new);

    @Override
    public Serializer<PeerState> serializer() {
        return (topic, state) -> state == null ? null : codecs.get().encode(state);
    }

    @Override
    public Deserializer<PeerState> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length == 0) {
                throw new SerializationException("empty peer state record on " + topic);
            }
            if (bytes[0] == '{') {
                return json.deserialize(topic, bytes);
            }
            try {
                return PeerStateCodec.decode(bytes);
            } catch (IllegalArgumentException | NullPointerException | DateTimeException | ArithmeticException e) {
                throw new SerializationException("not a peer state record on " + topic + " (" + bytes.length
                        + " bytes, first byte 0x" + Integer.toHexString(bytes[0] & 0xFF) + "): " + e.getMessage(), e);
            }
        };
    }
}
