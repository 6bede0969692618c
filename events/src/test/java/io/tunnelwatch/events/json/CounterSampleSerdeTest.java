package io.tunnelwatch.events.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunnelwatch.events.CounterSample;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The streaming serde must write what data binding writes, so old and new readers agree on every sample. */
class CounterSampleSerdeTest {

    private final CounterSampleSerde streaming = new CounterSampleSerde();
    private final JsonSerde<CounterSample> binding = new JsonSerde<>(CounterSample.class);

    static Stream<CounterSample> samples() {
        var counters = new CounterSample.Counters(1, 2, 3, 4, 5, 6, 7, 8, 9, Long.MAX_VALUE);
        return Stream.of(
                new CounterSample(1, "rtr-1", "192.0.2.7", Instant.parse("2026-11-26T10:00:01.500Z"), true, 2,
                        "active", "active", counters, CounterSample.Counters.ZERO),
                new CounterSample(1, "rtr-1", "2001:db8::7", Instant.parse("2026-11-26T10:00:01Z"), false, 0, null,
                        null, null, null),
                new CounterSample(7, "rtr \"ü\" 日本", "p\\q", Instant.parse("1960-03-01T00:00:00.000000001Z"), true,
                        -1, "x\ty", "\u0001", new CounterSample.Counters(-1, Long.MIN_VALUE, 0, 0, 0, 0, 0, 0, 0, 0),
                        counters),
                new CounterSample(1, "d", "p", Instant.parse("+12026-01-01T00:00:00.5Z"), true, 1, "", "", counters,
                        counters),
                new CounterSample(1, "rtr-1", "192.0.2.7", Instant.parse("2026-11-26T10:00:01.500Z"), true, 1,
                        "active", "active", counters, counters).withTunnelMtu(17_867),
                new CounterSample(1, "rtr-1", "192.0.2.7", Instant.parse("2026-11-26T10:00:01.500Z"), true, 1,
                        "active", "active", counters, counters).withTunnelMtu(17_867)
                        .withInterfaces("Tunnel7", "GigabitEthernet0/0/2"));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void shouldWriteTheSameBytesAsDataBindingAndReadThemBack(CounterSample sample) {
        byte[] fast = streaming.serializer().serialize("t", sample);

        assertThat(new String(fast, StandardCharsets.UTF_8))
                .isEqualTo(new String(binding.serializer().serialize("t", sample), StandardCharsets.UTF_8));
        assertThat(streaming.deserializer().deserialize("t", fast)).isEqualTo(sample);
        assertThat(binding.deserializer().deserialize("t", fast)).isEqualTo(sample);
    }

    @Test
    void shouldReadRandomSamplesAsDataBindingWroteThem() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 2_000; i++) {
            long[] c = random.longs(20, 0, Long.MAX_VALUE).toArray();
            var sample = new CounterSample(1, "rtr-" + i, "10.0.0." + i % 250,
                    Instant.ofEpochSecond(1_795_000_000L + random.nextInt(1_000_000), random.nextInt(1_000_000_000)),
                    random.nextBoolean(), random.nextInt(5), null, "active",
                    new CounterSample.Counters(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]),
                    new CounterSample.Counters(c[10], c[11], c[12], c[13], c[14], c[15], c[16], c[17], c[18], c[19]));
            byte[] bound = binding.serializer().serialize("t", sample);

            assertThat(streaming.serializer().serialize("t", sample)).isEqualTo(bound);
            assertThat(streaming.deserializer().deserialize("t", bound)).isEqualTo(sample);
        }
    }

    @Test
    void shouldSkipUnknownFieldsAndDefaultMissingOnes() {
        String json = "{\"device\":\"d\",\"extra\":[1,{\"a\":null}],\"peer\":\"p\",\"polledAt\":\"2026-11-26T10:00:00Z\","
                + "\"totals\":{\"inPkts\":5,\"new\":{}}}";

        CounterSample back = streaming.deserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8));

        assertThat(back).isEqualTo(binding.deserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8)));
        assertThat(back.totals().inPkts()).isEqualTo(5);
        assertThat(back.deltas()).isEqualTo(CounterSample.Counters.ZERO);
    }

    @Test
    void shouldFailWithTheTopicNamedOnMissingRequiredFieldsOrBadTimes() {
        for (String bad : new String[] {"[1]", "{\"device\":\"d\"}", "{",
                "{\"device\":\"d\",\"peer\":\"p\",\"polledAt\":\"yesterday\"}"}) {
            assertThatThrownBy(() -> streaming.deserializer()
                    .deserialize("tunnelwatch.counters", bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad)
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("tunnelwatch.counters");
        }
    }
}
