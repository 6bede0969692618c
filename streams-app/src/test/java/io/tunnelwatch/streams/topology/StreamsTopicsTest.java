package io.tunnelwatch.streams.topology;

import static io.tunnelwatch.streams.PeerFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.json.Json;
import io.tunnelwatch.events.topic.Topic;
import io.tunnelwatch.events.topic.Topics;
import io.tunnelwatch.streams.device.DeviceStatus;
import io.tunnelwatch.streams.peer.CounterDelta;
import io.tunnelwatch.streams.peer.DeviceActivity;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.TunnelEnd;
import io.tunnelwatch.streams.verdict.AlertRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The topics the streams app writes carry the JSON they carried when the processors forwarded its text
 * ({@code Json.mapper().writeValueAsString}) on String-valued topics: the same names, order and shape, so readers
 * outside the app ({@code tunnelwatch.peer-state}, {@code tunnelwatch.alerts}) see no change. Each record goes through
 * its topic's declared serde and back.
 */
class StreamsTopicsTest {

    private static final TunnelEnd END = new TunnelEnd(TunnelEnd.VERSION, "rtr-a", "192.0.2.2", "rtr-b", T0,
            List.of(new CounterDelta(T0, 1, 120, 0, 0, 0, 0, 0, 0, 9_600, 0)), T0.minusSeconds(30), "IPSEC_SA_UP");

    private static final String TUNNEL_END_JSON = "{\"v\":1,\"device\":\"rtr-a\",\"peer\":\"192.0.2.2\","
            + "\"farDevice\":\"rtr-b\",\"at\":\"2026-11-26T10:00:00Z\","
            + "\"recentDeltas\":[{\"at\":\"2026-11-26T10:00:00Z\",\"saCount\":1,\"encaps\":120,\"decaps\":0,"
            + "\"replayDrops\":0,\"authFails\":0,\"decryptFails\":0,"
            + "\"drops\":0,\"outDrops\":0,\"inOctets\":9600,\"outOctets\":0}],"
            + "\"lastRekeyAt\":\"2026-11-26T09:59:30Z\",\"lastRekeyKind\":\"IPSEC_SA_UP\"}";

    static Stream<Arguments> records() {
        AlertRecord alert = new AlertRecord(AlertRecord.VERSION, AlertRecord.Action.OPENED, "6f1c", "rtr-a",
                "192.0.2.2", "DecapsStalled", "TRAFFIC", "critical", "rtr-a receives nothing from 192.0.2.2",
                "one-way traffic: \"192.0.2.2\" sends nothing back", List.of("10:00 encaps +120, decaps +0"),
                List.of(), List.of("show crypto ipsec sa peer 192.0.2.2"), T0, T0, null);
        return Stream.of(
                Arguments.of(StreamsTopics.ALERTS, alert, "{\"v\":1,\"action\":\"OPENED\",\"id\":\"6f1c\","
                        + "\"device\":\"rtr-a\",\"peer\":\"192.0.2.2\",\"alert\":\"DecapsStalled\","
                        + "\"layer\":\"TRAFFIC\",\"severity\":\"critical\","
                        + "\"summary\":\"rtr-a receives nothing from 192.0.2.2\","
                        + "\"cause\":\"one-way traffic: \\\"192.0.2.2\\\" sends nothing back\","
                        + "\"evidence\":[\"10:00 encaps +120, decaps +0\"],\"related\":[],"
                        + "\"commands\":[\"show crypto ipsec sa peer 192.0.2.2\"],"
                        + "\"openedAt\":\"2026-11-26T10:00:00Z\",\"at\":\"2026-11-26T10:00:00Z\",\"resolution\":null}"),
                Arguments.of(StreamsTopics.DEVICE_ACTIVITY,
                        new DeviceActivity(DeviceActivity.VERSION, "rtr-a", DeviceActivity.Kind.POLL_FAILED, T0),
                        "{\"v\":1,\"device\":\"rtr-a\",\"kind\":\"POLL_FAILED\",\"at\":\"2026-11-26T10:00:00Z\"}"),
                Arguments.of(StreamsTopics.DEVICE_STATUS,
                        new DeviceStatus(DeviceStatus.VERSION, "rtr-a", true, T0, "9a2e"),
                        "{\"v\":1,\"device\":\"rtr-a\",\"silent\":true,\"silentSince\":\"2026-11-26T10:00:00Z\","
                                + "\"alertId\":\"9a2e\"}"),
                Arguments.of(StreamsTopics.TUNNEL_ENDS, END, TUNNEL_END_JSON),
                Arguments.of(StreamsTopics.FAR_ENDS, END, TUNNEL_END_JSON));
    }

    @ParameterizedTest
    @MethodSource("records")
    <V> void shouldWriteTheJsonTheProcessorsForwardedAsText(Topic<PeerKey, V> topic, V value, String json)
            throws JsonProcessingException {
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(json)
                .isEqualTo(Json.mapper().writeValueAsString(value));
        assertThat(topic.valueSerde().deserializer().deserialize(topic.name(), bytes)).isEqualTo(value);
    }

    @Test
    void shouldWritePeerStatesAsDataBindingDoes() throws JsonProcessingException {
        PeerState state = PeerState.unknown("rtr-a", "192.0.2.2").toBuilder().farEnd(END).build();
        Topic<PeerKey, PeerState> topic = StreamsTopics.PEER_STATE;

        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), state);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(Json.mapper().writeValueAsString(state));
        assertThat(topic.valueSerde().deserializer().deserialize(topic.name(), bytes)).isEqualTo(state);
    }

    @Test
    void shouldCreateEveryTopicOnceAndCompactOnlyTheLatestValueTopics() {
        assertThat(StreamsTopics.ALL).extracting(Topic::name).doesNotHaveDuplicates()
                .containsAll(Topics.ALL.stream().map(Topic::name).toList())
                .containsExactlyInAnyOrder("tunnelwatch.events", "tunnelwatch.counters", "tunnelwatch.syslog.raw",
                        "tunnelwatch.device-addresses", "tunnelwatch.peer-state", "tunnelwatch.alerts",
                        "tunnelwatch.device-activity", "tunnelwatch.device-status", "tunnelwatch.tunnel-ends",
                        "tunnelwatch.far-ends");
        assertThat(StreamsTopics.ALL).filteredOn(Topic::compacted).extracting(Topic::name).containsExactlyInAnyOrder(
                "tunnelwatch.peer-state", "tunnelwatch.device-status", "tunnelwatch.device-addresses");
    }
}
