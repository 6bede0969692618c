package io.tunnelwatch.events.json;

import static io.tunnelwatch.events.json.JsonValues.instant;
import static io.tunnelwatch.events.json.JsonValues.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tunnelwatch.events.CounterSample;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link CounterSample} as JSON on {@code tunnelwatch.counters}: written by {@link JsonByteWriter}, read with Jackson's
 * streaming parser; the same JSON as data binding writes (names, order, ISO-8601 {@code polledAt}, nulls written), so
 * either reader reads it; unknown fields are ignored. A sample is read per poll per peer by the streams app and kept
 * in every peer's state, so its JSON is on the hot path twice (docs/performance.md).
 */
public final class CounterSampleSerde implements Serde<CounterSample> {

    private static final JsonFactory FACTORY = Json.mapper().getFactory();
    private static final JsonByteWriter.Name POLLED_AT = JsonByteWriter.Name.of("polledAt");

    /** Each serializer owns its buffer; Kafka Streams may share one across threads, hence the lock (uncontended). */
    @Override
    public Serializer<CounterSample> serializer() {
        JsonByteWriter out = new JsonByteWriter();
        IsoInstantWriter instants = new IsoInstantWriter();
        return (topic, sample) -> {
            if (sample == null) {
                return null;
            }
            synchronized (out) {
                out.startObject();
                writeMembers(out, instants, sample);
                return out.endObject().toByteArray();
            }
        };
    }

    @Override
    public Deserializer<CounterSample> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try (JsonParser p = FACTORY.createParser(bytes)) {
                return read(p, p.nextToken());
            } catch (IOException | IllegalArgumentException | NullPointerException | DateTimeException e) {
                throw new SerializationException("not a CounterSample JSON value on " + topic + ": "
                        + e.getMessage(), e);
            }
        };
    }

    /** The members of {@code s}, into an object the caller opened (and closes). */
    public static void writeMembers(JsonByteWriter out, IsoInstantWriter instants, CounterSample s) {
        out.number("v", s.v()).string("device", s.device()).string("peer", s.peer());
        instants.write(out, POLLED_AT, s.polledAt());
        out.bool("deviceAnswered", s.deviceAnswered())
                .number("saCount", s.saCount())
                .string("ikeStatus", s.ikeStatus())
                .string("ipsecStatus", s.ipsecStatus());
        writeCounters(out.startObject("totals"), s.totals()).endObject();
        writeCounters(out.startObject("deltas"), s.deltas()).endObject();
        out.number("tunnelMtu", s.tunnelMtu());
        out.string("tunnelInterface", s.tunnelInterface()).string("sourceInterface", s.sourceInterface());
    }

    private static JsonByteWriter writeCounters(JsonByteWriter out, CounterSample.Counters c) {
        return out.number("inPkts", c.inPkts())
                .number("outPkts", c.outPkts())
                .number("inOctets", c.inOctets())
                .number("outOctets", c.outOctets())
                .number("inDropPkts", c.inDropPkts())
                .number("outDropPkts", c.outDropPkts())
                .number("inReplayDropPkts", c.inReplayDropPkts())
                .number("inAuthFails", c.inAuthFails())
                .number("inDecryptFails", c.inDecryptFails())
                .number("outEncryptFails", c.outEncryptFails());
    }

    /** Reads a sample whose first token {@code t} the parser is on; null for a JSON null. */
    public static CounterSample read(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_OBJECT) {
            throw new IOException("expected a JSON object");
        }
        int v = 0;
        String device = null;
        String peer = null;
        Instant polledAt = null;
        boolean deviceAnswered = false;
        int saCount = 0;
        String ikeStatus = null;
        String ipsecStatus = null;
        CounterSample.Counters totals = null;
        CounterSample.Counters deltas = null;
        int tunnelMtu = 0;
        String tunnelInterface = null;
        String sourceInterface = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken value = p.nextToken();
            switch (name) {
                case "v" -> v = p.getValueAsInt();
                case "device" -> device = text(p, value);
                case "peer" -> peer = text(p, value);
                case "polledAt" -> polledAt = instant(p, value);
                case "deviceAnswered" -> deviceAnswered = p.getValueAsBoolean();
                case "saCount" -> saCount = p.getValueAsInt();
                case "ikeStatus" -> ikeStatus = text(p, value);
                case "ipsecStatus" -> ipsecStatus = text(p, value);
                case "totals" -> totals = readCounters(p, value);
                case "deltas" -> deltas = readCounters(p, value);
                case "tunnelMtu" -> tunnelMtu = p.getValueAsInt();
                case "tunnelInterface" -> tunnelInterface = text(p, value);
                case "sourceInterface" -> sourceInterface = text(p, value);
                default -> p.skipChildren();
            }
        }
        return new CounterSample(v, device, peer, polledAt, deviceAnswered, saCount, ikeStatus, ipsecStatus, totals,
                deltas, tunnelMtu, tunnelInterface, sourceInterface);
    }

    private static CounterSample.Counters readCounters(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_OBJECT) {
            throw new IOException("counters are not an object");
        }
        long[] c = new long[10];
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            int i = switch (name) {
                case "inPkts" -> 0;
                case "outPkts" -> 1;
                case "inOctets" -> 2;
                case "outOctets" -> 3;
                case "inDropPkts" -> 4;
                case "outDropPkts" -> 5;
                case "inReplayDropPkts" -> 6;
                case "inAuthFails" -> 7;
                case "inDecryptFails" -> 8;
                case "outEncryptFails" -> 9;
                default -> -1;
            };
            if (i < 0) {
                p.skipChildren();
            } else {
                c[i] = p.getValueAsLong();
            }
        }
        return new CounterSample.Counters(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]);
    }
}
