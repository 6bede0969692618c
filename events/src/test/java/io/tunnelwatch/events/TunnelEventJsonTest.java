package io.tunnelwatch.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunnelwatch.events.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class TunnelEventJsonTest {

    private final TunnelEvent event = new TunnelEvent(TunnelEvent.VERSION, EventKind.SESSION_DOWN, null, "rtr-1",
            "192.0.2.7", IkeVersion.IKEV1, "CRYPTO-5-SESSION_STATUS", 5, Map.of("peer_port", "500"),
            "*Nov 26 10:00:01.123", Instant.parse("2026-11-26T10:00:01.500Z"), "127.0.0.1", "udp",
            "Crypto tunnel is DOWN.  Peer 192.0.2.7:500  Id: 192.0.2.7");

    @Test
    void shouldRoundTripEveryFieldThroughTheTopicSerde() {
        var serde = Topics.EVENTS.valueSerde();

        byte[] bytes = serde.serializer().serialize("t", event);
        TunnelEvent back = serde.deserializer().deserialize("t", bytes);

        assertThat(back).isEqualTo(event);
        assertThat(back.layer()).isEqualTo(Layer.UNDERLAY);
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .contains("\"receivedAt\":\"2026-11-26T10:00:01.500Z\"")
                .contains("\"kind\":\"SESSION_DOWN\"")
                .doesNotContain("\"key\"");
    }

    @Test
    void shouldIgnoreFieldsAddedByNewerWriters() {
        String json = "{\"v\":2,\"kind\":\"SESSION_UP\",\"device\":\"d\",\"peer\":\"p\","
                + "\"receivedAt\":\"2026-11-26T10:00:00Z\",\"addedLater\":42}";

        TunnelEvent back = Topics.EVENTS.valueSerde().deserializer()
                .deserialize("t", json.getBytes(StandardCharsets.UTF_8));

        assertThat(back.kind()).isEqualTo(EventKind.SESSION_UP);
        assertThat(back.layer()).isEqualTo(EventKind.SESSION_UP.defaultLayer());
        assertThat(back.fields()).isEmpty();
    }

    @Test
    void shouldFailWithASerializationExceptionOnGarbage() {
        assertThatThrownBy(() -> Topics.EVENTS.valueSerde().deserializer()
                .deserialize("tunnelwatch.events", "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("tunnelwatch.events");
    }
}
