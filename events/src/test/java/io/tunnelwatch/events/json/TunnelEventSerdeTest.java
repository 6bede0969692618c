package io.tunnelwatch.events.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.Layer;
import io.tunnelwatch.events.TunnelEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The streaming serde must write what data binding writes, so old and new readers agree on every record. */
class TunnelEventSerdeTest {

    private final TunnelEventSerde streaming = new TunnelEventSerde();
    private final JsonSerde<TunnelEvent> binding = new JsonSerde<>(TunnelEvent.class);

    static Stream<TunnelEvent> events() {
        return Stream.of(
                event(Instant.parse("2026-11-26T10:00:01.500Z"), Map.of("peer_port", "500", "nat_t", "false"),
                        "*Nov 26 10:00:01.123", "Crypto tunnel is DOWN.  Peer 192.0.2.7:500  Id: 192.0.2.7"),
                event(Instant.parse("2026-11-26T10:00:01Z"), Map.of(), null, null),
                event(Instant.parse("2026-11-26T10:00:01.000123Z"), Map.of("k", "v"), ".Nov 26", "tab\there"),
                event(Instant.parse("1999-12-31T23:59:59.999999999Z"), Map.of("q", "\"quoted\" \\ back"),
                        "x", "non-ASCII: Grüße, 日本, \u0001 control"),
                event(Instant.parse("+12026-01-01T00:00:00.5Z"), Map.of(), "y", "far future"),
                event(Instant.parse("1960-03-01T00:00:00.25Z"), Map.of(), "z", "before the epoch"));
    }

    private static TunnelEvent event(Instant at, Map<String, String> fields, String routerTime, String text) {
        return new TunnelEvent(TunnelEvent.VERSION, EventKind.SESSION_DOWN, Layer.IPSEC, "rtr-1", "192.0.2.7",
                IkeVersion.IKEV2, "CRYPTO-5-SESSION_STATUS", 5, fields, routerTime, at, "127.0.0.1", "tcp", text);
    }

    @ParameterizedTest
    @MethodSource("events")
    void shouldWriteTheSameBytesAsDataBindingAndReadThemBack(TunnelEvent event) {
        byte[] fast = streaming.serializer().serialize("t", event);

        assertThat(new String(fast, StandardCharsets.UTF_8))
                .isEqualTo(new String(binding.serializer().serialize("t", event), StandardCharsets.UTF_8));
        assertThat(streaming.deserializer().deserialize("t", fast)).isEqualTo(event);
        assertThat(binding.deserializer().deserialize("t", fast)).isEqualTo(event);
    }

    @Test
    void shouldEscapeAndEncodeAnyTextAsJacksonDoes() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int j = 0; j < length; j++) {
                switch (random.nextInt(4)) {
                    case 0 -> text.append((char) random.nextInt(0x80));
                    case 1 -> text.append((char) (0x80 + random.nextInt(0x780)));
                    case 2 -> text.append((char) (0x800 + random.nextInt(0xd800 - 0x800)));
                    default -> text.appendCodePoint(0x10000 + random.nextInt(0x100000));
                }
            }
            TunnelEvent event = event(Instant.ofEpochSecond(1_795_000_000L, i), Map.of("f", text.toString()),
                    text.toString(), text.toString());
            assertThat(streaming.serializer().serialize("t", event))
                    .as("text %s", text)
                    .isEqualTo(binding.serializer().serialize("t", event));
        }
    }

    /**
     * One serializer remembers the bytes of recurring string instances: over thousands of events drawing devices,
     * mnemonics, sources and field names from pools far larger than its memory (so slots collide and are replaced),
     * with equal strings that are other instances, and with text that needs escaping, every record is still what
     * data binding writes.
     */
    @Test
    void shouldWriteWhatDataBindingWritesWhateverStringsRecurOrCollide() {
        SplittableRandom random = new SplittableRandom(3);
        String[] pool = new String[300];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = switch (i % 4) {
                case 0 -> "rtr-" + i;
                case 1 -> "zürich-" + i;
                case 2 -> "q\"" + i + "\\";
                default -> "ctl\u0001" + i;
            };
        }
        var serializer = streaming.serializer();
        for (int i = 0; i < 20_000; i++) {
            String device = pool[random.nextInt(pool.length)];
            String maybeCopy = random.nextBoolean() ? device : new String(device);
            String fieldName = pool[random.nextInt(pool.length)];
            var event = new TunnelEvent(TunnelEvent.VERSION, EventKind.values()[random.nextInt(EventKind.values()
                    .length)], Layer.values()[random.nextInt(Layer.values().length)], maybeCopy, "192.0.2.7",
                    IkeVersion.values()[random.nextInt(IkeVersion.values().length)],
                    pool[random.nextInt(pool.length)], 5, Map.of(fieldName, device), "t",
                    Instant.ofEpochSecond(1_795_000_000L, i), pool[random.nextInt(pool.length)],
                    random.nextBoolean() ? "tcp" : null, "text");
            assertThat(new String(serializer.serialize("t", event), StandardCharsets.UTF_8))
                    .isEqualTo(new String(binding.serializer().serialize("t", event), StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldWriteLongTextsWholeOnlyWhenTheyArePlainAscii() {
        String plain = "decaps: rec'd IPSEC packet has invalid spi for destaddr=192.0.2.1, prot=50, srcaddr=10.1.1.1";
        for (String text : List.of(plain, plain + " is it?", plain + " \u0141ódź (a char above U+00FF ending in 'A')",
                plain + " Grüße", plain + " \"quoted\"", plain + "\ttab", "\u0141".repeat(30),
                "x".repeat(23), "x".repeat(24), "é".repeat(24))) {
            TunnelEvent event = event(Instant.ofEpochSecond(1_795_000_000L), Map.of("text", text), text, text);
            assertThat(new String(streaming.serializer().serialize("t", event), StandardCharsets.UTF_8))
                    .as(text).isEqualTo(new String(binding.serializer().serialize("t", event), StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldPrintInstantsLikeInstantToStringAcrossSecondsAndFractions() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            // Runs of the same second exercise the cached prefix; the fraction takes all three widths.
            long second = 1_795_000_000L + random.nextInt(50);
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant at = Instant.ofEpochSecond(second, nanos);
            String json = new String(streaming.serializer().serialize("t", event(at, Map.of(), null, "t")),
                    StandardCharsets.UTF_8);
            assertThat(json).contains("\"receivedAt\":\"" + at + "\"");
        }
    }

    @Test
    void shouldSkipUnknownFieldsAndNestedValues() {
        String json = "{\"v\":2,\"kind\":\"SESSION_UP\",\"extra\":{\"a\":[1,2,{\"b\":null}]},\"device\":\"d\","
                + "\"peer\":\"p\",\"fields\":{\"x\":\"1\",\"nested\":{\"y\":2},\"n\":null},"
                + "\"receivedAt\":\"2026-11-26T10:00:00Z\",\"more\":[true]}";

        TunnelEvent back = streaming.deserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8));

        assertThat(back.v()).isEqualTo(2);
        assertThat(back.kind()).isEqualTo(EventKind.SESSION_UP);
        assertThat(back.layer()).isEqualTo(EventKind.SESSION_UP.defaultLayer());
        assertThat(back.fields()).containsExactly(Map.entry("x", "1"));
    }

    @Test
    void shouldFailWithTheTopicNamedOnMissingRequiredFieldsOrUnknownKinds() {
        for (String bad : new String[] {"[1]", "{\"kind\":\"SESSION_UP\"}", "{\"kind\":\"NO_SUCH_KIND\"}",
                "{\"kind\":\"SESSION_UP\",\"device\":\"d\",\"peer\":\"p\",\"receivedAt\":\"yesterday\"}", "{"}) {
            assertThatThrownBy(() -> streaming.deserializer()
                    .deserialize("tunnelwatch.events", bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad)
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("tunnelwatch.events");
        }
    }
}
