package io.tunnelwatch.streams.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tunnelwatch.events.json.Json;
import org.apache.kafka.common.errors.SerializationException;

/** The JSON text of a record value the processors forward to a String-valued topic (alerts, status, tunnel ends). */
final class JsonText {

    private JsonText() {
    }

    static String of(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }
}
