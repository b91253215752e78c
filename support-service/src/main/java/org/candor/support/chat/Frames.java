package org.candor.support.chat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.candor.platform.rest.Problem;

import com.fasterxml.jackson.databind.JsonNode;

/** Helpers for WebSocket frames: reading fields, and errors shaped like problem details. */
final class Frames {

    private Frames() {
    }

    static String text(JsonNode frame, String field) {
        JsonNode value = frame.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    /** An error frame carrying an RFC 9457 problem: what is wrong and in which field. */
    static Map<String, Object> error(Problem problem) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "error");
        frame.put("problem", problem);
        return frame;
    }

    static Map<String, Object> error(String field, String message) {
        return error(Problem.invalid("The frame has an invalid field", List.of(Problem.FieldError.field(field, message))));
    }

    static Map<String, String> query(String query) {
        Map<String, String> parameters = new HashMap<>();
        if (query == null || query.isBlank()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }
}
