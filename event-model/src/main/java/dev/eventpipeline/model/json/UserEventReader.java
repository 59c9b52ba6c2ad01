package dev.eventpipeline.model.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eventpipeline.model.ImmutableUserEvent;
import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.model.Result;
import dev.eventpipeline.model.UserEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Reads one event from a streaming parser in a single pass. Syntax errors surface as the parser's
 * {@link IOException}s; everything about content becomes a rejection without an exception.
 */
final class UserEventReader {

    private static final int MAX_ECHO_CHARS = 48;

    private final JsonParser parser;
    private final JsonFactory factory;

    private UUID userId;
    private String eventType;
    private Instant eventTime;
    private UUID eventId;
    private Map<String, String> metadata;
    private Result<UserEvent> rejection;

    UserEventReader(JsonParser parser, JsonFactory factory) {
        this.parser = parser;
        this.factory = factory;
    }

    Result<UserEvent> read() throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            return Result.rejected(RejectReason.EMPTY_PAYLOAD, "payload holds only whitespace");
        }
        if (first != JsonToken.START_OBJECT) {
            return Result.rejected(RejectReason.NOT_AN_OBJECT,
                    "expected a JSON object, got " + describe(first));
        }
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            readField(name);
            if (rejection != null) {
                return rejection;
            }
        }
        if (token != JsonToken.END_OBJECT) {
            return Result.rejected(RejectReason.MALFORMED_JSON, "the JSON object is not closed");
        }
        if (parser.nextToken() != null) {
            return Result.rejected(RejectReason.MALFORMED_JSON, "trailing content after the JSON object");
        }
        return build();
    }

    private void readField(String name) throws IOException {
        switch (name) {
            case JsonFields.USER_ID -> {
                checkDuplicate(name, userId);
                userId = readUuid(name);
            }
            case JsonFields.EVENT_TYPE -> {
                checkDuplicate(name, eventType);
                eventType = readString(name);
            }
            case JsonFields.EVENT_TIME -> {
                checkDuplicate(name, eventTime);
                eventTime = readEventTime();
            }
            case JsonFields.EVENT_ID -> {
                checkDuplicate(name, eventId);
                eventId = readUuid(name);
            }
            case JsonFields.METADATA -> {
                checkDuplicate(name, metadata);
                metadata = readMetadata();
            }
            default -> parser.skipChildren(); // producers may add fields before consumers know them
        }
    }

    private Result<UserEvent> build() {
        if (userId == null) {
            return missing(JsonFields.USER_ID);
        }
        if (eventType == null) {
            return missing(JsonFields.EVENT_TYPE);
        }
        if (eventTime == null) {
            return missing(JsonFields.EVENT_TIME);
        }
        if (eventId == null) {
            return missing(JsonFields.EVENT_ID);
        }
        if (Utf8Text.hasUnpairedSurrogate(eventType)) {
            return unpairedSurrogate(JsonFields.EVENT_TYPE);
        }
        if (metadata != null) {
            for (Map.Entry<String, String> entry : metadata.entrySet()) {
                if (Utf8Text.hasUnpairedSurrogate(entry.getKey()) || Utf8Text.hasUnpairedSurrogate(entry.getValue())) {
                    return unpairedSurrogate("metadata." + echo(entry.getKey()));
                }
            }
        }
        return Result.accepted(ImmutableUserEvent.of(userId, eventType, eventTime, eventId,
                metadata == null ? Map.of() : metadata));
    }

    private static Result<UserEvent> unpairedSurrogate(String field) {
        return Result.rejected(RejectReason.INVALID_ENCODING,
                field + " holds an unpaired UTF-16 surrogate escape, which is not Unicode text");
    }

    private static Result<UserEvent> missing(String field) {
        return Result.rejected(RejectReason.MISSING_FIELD, field + " is missing or null");
    }

    private void checkDuplicate(String name, Object alreadyRead) {
        if (alreadyRead != null && rejection == null) {
            rejection = Result.rejected(RejectReason.DUPLICATE_FIELD, name + " appears more than once");
        }
    }

    private UUID readUuid(String field) throws IOException {
        String text = readString(field);
        if (text == null) {
            return null;
        }
        UUID uuid = UuidText.parse(text);
        if (uuid == null) {
            reject(RejectReason.INVALID_UUID, field + " is not a UUID: " + echo(text));
        }
        return uuid;
    }

    /** The string value of a field; null (and maybe a rejection) for JSON null or another type. */
    private String readString(String field) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        if (token != JsonToken.VALUE_NULL) {
            reject(RejectReason.INVALID_TYPE, field + " must be a string, got " + describe(token));
            parser.skipChildren();
        }
        return null;
    }

    private Instant readEventTime() throws IOException {
        JsonToken token = parser.currentToken();
        String field = JsonFields.EVENT_TIME;
        switch (token) {
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        || !EventTimeRange.containsEpochMilli(parser.getLongValue())) {
                    reject(RejectReason.INVALID_TIMESTAMP,
                            field + " epoch milliseconds out of range (years 0001-9999): " + echo(parser.getText()));
                    return null;
                }
                return Instant.ofEpochMilli(parser.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                reject(RejectReason.INVALID_TIMESTAMP,
                        field + " must be whole epoch milliseconds, got " + echo(parser.getText()));
                return null;
            }
            case VALUE_STRING -> {
                String text = parser.getText();
                Instant instant = InstantText.parse(text);
                if (instant == null) {
                    reject(RejectReason.INVALID_TIMESTAMP,
                            field + " is not an ISO-8601 instant (e.g. 2025-11-25T10:15:30.123Z): " + echo(text));
                } else if (!EventTimeRange.contains(instant)) {
                    reject(RejectReason.INVALID_TIMESTAMP, field + " is outside years 0001-9999: " + echo(text));
                    return null;
                }
                return instant;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> {
                reject(RejectReason.INVALID_TYPE,
                        field + " must be an ISO-8601 string or epoch milliseconds, got " + describe(token));
                parser.skipChildren();
                return null;
            }
        }
    }

    private Map<String, String> readMetadata() throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            reject(RejectReason.INVALID_TYPE, "metadata must be an object, got " + describe(token));
            parser.skipChildren();
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            String value = metadataValue(parser.nextToken());
            if (value != null && values.put(key, value) != null && rejection == null) {
                rejection = Result.rejected(RejectReason.DUPLICATE_FIELD,
                        "metadata." + echo(key) + " appears more than once");
            }
        }
        return values;
    }

    /** Strings as they are, numbers and booleans as their JSON text, nested values as compact JSON. */
    private String metadataValue(JsonToken token) throws IOException {
        switch (token) {
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT:
                return parser.getText();
            case VALUE_TRUE:
                return "true";
            case VALUE_FALSE:
                return "false";
            case VALUE_NULL:
                return null;
            default:
                StringWriter text = new StringWriter();
                try (JsonGenerator gen = factory.createGenerator(text)) {
                    gen.copyCurrentStructure(parser);
                }
                return text.toString();
        }
    }

    private void reject(RejectReason reason, String message) {
        if (rejection == null) {
            rejection = Result.rejected(reason, message);
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }

    /** The offending value for a message, quoted and cut short. */
    private static String echo(String value) {
        String shown = value.length() > MAX_ECHO_CHARS ? value.substring(0, MAX_ECHO_CHARS) + "..." : value;
        return '"' + shown + '"';
    }
}
