package io.tunnelwatch.events.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.Layer;
import io.tunnelwatch.events.TunnelEvent;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link TunnelEvent} as JSON on {@code tunnelwatch.events}: written by {@link JsonByteWriter}, read with Jackson's
 * streaming parser.
 *
 * <p>Why not {@link JsonSerde}: every syslog line the collector accepts becomes one of these, and the data-binding
 * path (reflective record accessors, a generic {@code Instant} printer) was the largest single cost of the collector
 * under load (docs/performance.md#why-the-hot-path-looks-as-it-does). The JSON is the same as data binding writes (same names, same order, ISO-8601
 * {@code receivedAt}, nulls written), so either reader reads it; the reader ignores fields it does not know.
 */
public final class TunnelEventSerde implements Serde<TunnelEvent> {

    private static final JsonFactory FACTORY = Json.mapper().getFactory();

    /**
     * Each serializer owns its output buffer. Kafka calls a producer's serializer from the thread that sends, but
     * Kafka Streams may share one across stream threads, so writing is synchronized (uncontended in the collector).
     */
    @Override
    public Serializer<TunnelEvent> serializer() {
        Writer writer = new Writer();
        return (topic, event) -> {
            if (event == null) {
                return null;
            }
            synchronized (writer) {
                return writer.write(event);
            }
        };
    }

    @Override
    public Deserializer<TunnelEvent> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return read(bytes);
            } catch (IOException | IllegalArgumentException | NullPointerException | DateTimeParseException e) {
                throw new SerializationException("not a TunnelEvent JSON value on " + topic + ": " + e.getMessage(),
                        e);
            }
        };
    }

    private static final class Writer {
        private static final JsonByteWriter.Name V = JsonByteWriter.Name.of("v");
        private static final JsonByteWriter.Name DEVICE = JsonByteWriter.Name.of("device");
        private static final JsonByteWriter.Name PEER = JsonByteWriter.Name.of("peer");
        private static final JsonByteWriter.Name MNEMONIC = JsonByteWriter.Name.of("mnemonic");
        private static final JsonByteWriter.Name SEVERITY = JsonByteWriter.Name.of("severity");
        private static final JsonByteWriter.Name FIELDS = JsonByteWriter.Name.of("fields");
        private static final JsonByteWriter.Name ROUTER_TIME = JsonByteWriter.Name.of("routerTime");
        private static final JsonByteWriter.Name RECEIVED_AT = JsonByteWriter.Name.of("receivedAt");
        private static final JsonByteWriter.Name SOURCE = JsonByteWriter.Name.of("source");
        private static final JsonByteWriter.Name TRANSPORT = JsonByteWriter.Name.of("transport");
        private static final JsonByteWriter.Name TEXT = JsonByteWriter.Name.of("text");

        /** Every kind, layer and IKE version member, by ordinal. */
        private static final JsonByteWriter.Member[] KINDS = members("kind", EventKind.values());
        private static final JsonByteWriter.Member[] LAYERS = members("layer", Layer.values());
        private static final JsonByteWriter.Member[] IKE_VERSIONS = members("ikeVersion", IkeVersion.values());

        private final JsonByteWriter out = new JsonByteWriter();

        private static JsonByteWriter.Member[] members(String name, Enum<?>[] constants) {
            return java.util.Arrays.stream(constants).map(c -> JsonByteWriter.Member.of(name, c.name()))
                    .toArray(JsonByteWriter.Member[]::new);
        }
        private final IsoInstantWriter instants = new IsoInstantWriter();

        byte[] write(TunnelEvent e) {
            // enums as whole pre-encoded members; recurring: the strings that are the same few instances in event
            // after event (the device, the interned mnemonic, the connection's source, field names); peer, times
            // and text are not
            out.startObject()
                    .number(V, e.v())
                    .member(KINDS[e.kind().ordinal()])
                    .member(LAYERS[e.layer().ordinal()])
                    .recurringString(DEVICE, e.device())
                    .string(PEER, e.peer())
                    .member(IKE_VERSIONS[e.ikeVersion().ordinal()])
                    .recurringString(MNEMONIC, e.mnemonic())
                    .number(SEVERITY, e.severity())
                    .startObject(FIELDS);
            for (Map.Entry<String, String> f : e.fields().entrySet()) {
                out.recurringNameString(f.getKey(), f.getValue());
            }
            out.endObject().string(ROUTER_TIME, e.routerTime());
            instants.write(out, RECEIVED_AT, e.receivedAt());
            out.recurringString(SOURCE, e.source())
                    .recurringString(TRANSPORT, e.transport())
                    .string(TEXT, e.text())
                    .endObject();
            return out.toByteArray();
        }
    }

    private static TunnelEvent read(byte[] bytes) throws IOException {
        int v = TunnelEvent.VERSION;
        EventKind kind = null;
        Layer layer = null;
        String device = null;
        String peer = null;
        IkeVersion ikeVersion = null;
        String mnemonic = null;
        int severity = 0;
        Map<String, String> fields = null;
        String routerTime = null;
        Instant receivedAt = null;
        String source = null;
        String transport = null;
        String text = null;
        try (JsonParser p = FACTORY.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("expected a JSON object");
            }
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                switch (name) {
                    case "v" -> v = p.getIntValue();
                    case "kind" -> kind = t == JsonToken.VALUE_NULL ? null : EventKind.valueOf(p.getText());
                    case "layer" -> layer = t == JsonToken.VALUE_NULL ? null : Layer.valueOf(p.getText());
                    case "device" -> device = text(p, t);
                    case "peer" -> peer = text(p, t);
                    case "ikeVersion" -> ikeVersion = t == JsonToken.VALUE_NULL ? null
                            : IkeVersion.valueOf(p.getText());
                    case "mnemonic" -> mnemonic = text(p, t);
                    case "severity" -> severity = p.getIntValue();
                    case "fields" -> fields = readFields(p, t);
                    case "routerTime" -> routerTime = text(p, t);
                    case "receivedAt" -> receivedAt = JsonValues.instant(p, t);
                    case "source" -> source = text(p, t);
                    case "transport" -> transport = text(p, t);
                    case "text" -> text = text(p, t);
                    default -> p.skipChildren();
                }
            }
        }
        return new TunnelEvent(v, kind, layer, device, peer, ikeVersion, mnemonic, severity, fields, routerTime,
                receivedAt, source, transport, text);
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_NULL ? null : p.getText();
    }

    private static Map<String, String> readFields(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_OBJECT) {
            throw new IOException("fields is not an object");
        }
        Map<String, String> fields = new HashMap<>();
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken value = p.nextToken();
            if (value.isStructStart()) {
                p.skipChildren();
            } else if (value != JsonToken.VALUE_NULL) {
                fields.put(name, p.getText());
            }
        }
        return fields;
    }
}
