package org.comity.node.exchange.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Message payloads as JSON objects: the request module's records turned into maps for canonical
 * JSON, and back. Times are ISO-8601 strings, byte arrays base64, nulls left out (docs/formats/messages.md).
 */
final class Wire {

    private static final JsonMapper JSON = JsonMapper.builder()
            .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL).withContentInclusion(JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private Wire() {}

    static Map<String, Object> map(Object value) {
        return JSON.convertValue(value, MAP);
    }

    /** Reads a payload part; a part that does not fit the record is the peer's error (422), not ours. */
    static <T> T read(Object part, Class<T> type, String name) {
        if (part == null) {
            throw new PayloadException("the payload has no " + name);
        }
        try {
            return JSON.convertValue(part, type);
        } catch (RuntimeException e) {
            throw new PayloadException("the payload's " + name + " is not a valid " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    static Map<String, Object> parse(String json) {
        return JSON.readValue(json, MAP);
    }

    /** A payload a peer sent that this node cannot read. */
    static final class PayloadException extends RuntimeException {
        PayloadException(String message) {
            super(message);
        }
    }
}
