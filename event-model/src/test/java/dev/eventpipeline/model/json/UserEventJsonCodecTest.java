package dev.eventpipeline.model.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.model.Result;
import dev.eventpipeline.model.UserEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UserEventJsonCodecTest {

    private static final String USER = "589e4567-e89b-12d3-a456-426614174000";
    private static final String EVENT = "7d2f1c9e-3b4a-4f6d-9e8c-1a2b3c4d5e6f";

    private final UserEventJsonCodec codec = UserEventJsonCodec.create();

    private Result<UserEvent> decode(String json) {
        return codec.decode(json.getBytes(UTF_8));
    }

    /** A valid event with one field's JSON text replaced (or removed when {@code json} is null). */
    private static String eventWith(String field, String json) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("user_id", '"' + USER + '"');
        fields.put("event_type", "\"click\"");
        fields.put("event_time", "\"2025-11-25T10:15:30.123Z\"");
        fields.put("event_id", '"' + EVENT + '"');
        fields.put("metadata", "{\"source\":\"web\"}");
        if (json == null) {
            fields.remove(field);
        } else {
            fields.put(field, json);
        }
        StringBuilder out = new StringBuilder("{");
        fields.forEach((name, value) -> out.append(out.length() > 1 ? "," : "")
                .append('"').append(name).append("\":").append(value));
        return out.append('}').toString();
    }

    private void assertRejected(String json, RejectReason reason, String messagePart) {
        Result<UserEvent> result = decode(json);
        assertThat(result.isAccepted()).as("accepted: %s", json).isFalse();
        assertThat(result.rejection().reason()).isEqualTo(reason);
        assertThat(result.rejection().message()).contains(messagePart);
    }

    @Test
    void decodesTheSeedProducerFormatWithEpochMillis() {
        String json = "{\"user_id\":\"" + USER + "\",\"event_type\":\"LOGIN\",\"event_time\":1764065730123,"
                + "\"event_id\":\"" + EVENT + "\",\"metadata\":{\"source\":\"web\",\"session_id\":\"s-42\"}}";

        UserEvent event = decode(json).value();

        assertThat(event.userId()).isEqualTo(UUID.fromString(USER));
        assertThat(event.eventType()).isEqualTo("LOGIN");
        assertThat(event.eventTime()).isEqualTo(Instant.ofEpochMilli(1764065730123L));
        assertThat(event.eventId()).isEqualTo(UUID.fromString(EVENT));
        assertThat(event.metadata()).containsExactly(Map.entry("source", "web"), Map.entry("session_id", "s-42"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2025-11-25T10:15:30Z|           2025-11-25T10:15:30Z",
        "2025-11-25T10:15:30.1Z|         2025-11-25T10:15:30.100Z",
        "2025-11-25T10:15:30.123456789Z| 2025-11-25T10:15:30.123456789Z",
        "2025-11-25T10:15:30,5Z|         2025-11-25T10:15:30.500Z",
        "2025-11-25t10:15:30z|           2025-11-25T10:15:30Z",
        "2025-11-25T12:15:30+02:00|      2025-11-25T10:15:30Z",
        "2025-11-25T12:15:30+0200|       2025-11-25T10:15:30Z",
        "2025-11-25T12:15:30+02|         2025-11-25T10:15:30Z",
        "2025-11-25T00:15:30+14:00|      2025-11-24T10:15:30Z",
        "2025-11-24T22:15:30-12:00|      2025-11-25T10:15:30Z",
        "2025-11-25T10:15:30-00:30|      2025-11-25T10:45:30Z",
        "2024-02-29T23:59:59.999Z|       2024-02-29T23:59:59.999Z",
        "0001-01-01T00:00:00Z|           0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z| 9999-12-31T23:59:59.999999999Z",
    })
    void acceptsIsoInstantsWithAnyOffsetAndPrecision(String wire, String expected) {
        UserEvent event = decode(eventWith("event_time", '"' + wire + '"')).value();

        assertThat(event.eventTime()).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, 1L, -1L, 1764065730123L, 253402300799999L, -62135596800000L})
    void acceptsEpochMillisWithinYears1To9999(long millis) {
        UserEvent event = decode(eventWith("event_time", Long.toString(millis))).value();

        assertThat(event.eventTime()).isEqualTo(Instant.ofEpochMilli(millis));
    }

    @Test
    void turnsMetadataValuesIntoTextAndDropsNulls() {
        String metadata = "{\"s\":\"x\",\"i\":42,\"f\":-1.5e3,\"t\":true,\"n\":null,\"b\":false,"
                + "\"o\":{\"a\": [1, \"two\", null]},\"a\":[ ]}";

        UserEvent event = decode(eventWith("metadata", metadata)).value();

        assertThat(event.metadata()).containsExactly(
                Map.entry("s", "x"), Map.entry("i", "42"), Map.entry("f", "-1.5e3"), Map.entry("t", "true"),
                Map.entry("b", "false"), Map.entry("o", "{\"a\":[1,\"two\",null]}"), Map.entry("a", "[]"));
    }

    @Test
    void absentOrNullMetadataIsEmpty() {
        assertThat(decode(eventWith("metadata", null)).value().metadata()).isEmpty();
        assertThat(decode(eventWith("metadata", "null")).value().metadata()).isEmpty();
    }

    @Test
    void ignoresUnknownFieldsOfAnyShape() {
        String json = eventWith("metadata", "{}").replace("{\"user_id\"",
                "{\"schema\":2,\"extra\":{\"deep\":[{\"x\":null}]},\"tags\":[1,2],\"user_id\"");

        assertThat(decode(json).isAccepted()).isTrue();
    }

    @Test
    void roundTripsThroughTheCanonicalForm() {
        UserEvent event = UserEvent.builder()
                .userId(UUID.randomUUID())
                .eventType("purchase")
                .eventTime(Instant.parse("2025-11-25T10:15:30.123456Z"))
                .eventId(UUID.randomUUID())
                .putMetadata("amount", "12.50")
                .putMetadata("quote\"and\\slash", "line\nbreak \u00e9\u4e2d\ud83d\ude00")
                .build();

        byte[] encoded = codec.encode(event);

        assertThat(codec.decode(encoded).value()).isEqualTo(event);
    }

    @Test
    void encodesEventTimeAsIsoUtcInstant() {
        UserEvent event = UserEvent.builder()
                .userId(UUID.fromString(USER))
                .eventType("view")
                .eventTime(Instant.ofEpochMilli(1764065730123L))
                .eventId(UUID.fromString(EVENT))
                .build();

        assertThat(new String(codec.encode(event), UTF_8)).isEqualTo("{\"user_id\":\"" + USER
                + "\",\"event_type\":\"view\",\"event_time\":\"2025-11-25T10:15:30.123Z\",\"event_id\":\""
                + EVENT + "\",\"metadata\":{}}");
    }

    @Nested
    class Rejections {

        @Test
        void emptyPayload() {
            assertThat(codec.decode(new byte[0]).rejection().reason()).isEqualTo(RejectReason.EMPTY_PAYLOAD);
            assertThat(codec.decode(null).rejection().reason()).isEqualTo(RejectReason.EMPTY_PAYLOAD);
            assertRejected(" \n\t ", RejectReason.EMPTY_PAYLOAD, "whitespace");
        }

        @Test
        void payloadOverTheLimit() {
            UserEventJsonCodec small = UserEventJsonCodec.withMaxPayloadBytes(100);
            String json = eventWith("metadata", "{}");

            Result<UserEvent> result = small.decode(json.getBytes(UTF_8));

            assertThat(result.rejection().reason()).isEqualTo(RejectReason.TOO_LARGE);
            assertThat(result.rejection().message()).contains("limit is 100");
        }

        @Test
        void metadataNestedDeeperThanTheLimit() {
            String deep = "{\"k\":" + "[".repeat(40) + "]".repeat(40) + "}";

            assertRejected(eventWith("metadata", deep), RejectReason.TOO_LARGE, "nesting depth");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{", "{\"user_id\":", "{\"user_id\" \"x\"}", "{'user_id':1}", "nul", "{\"a\":1,}"})
        void malformedJson(String json) {
            assertRejected(json, RejectReason.MALFORMED_JSON, "JSON");
        }

        @Test
        void trailingContentAfterTheObject() {
            assertRejected(eventWith("metadata", "{}") + " {}", RejectReason.MALFORMED_JSON, "trailing");
        }

        @Test
        void invalidUtf8() {
            byte[] json = eventWith("event_type", "\"cl\u00e9ck\"").getBytes(UTF_8);
            int at = new String(json, UTF_8).indexOf('\u00e9');
            json[at] = (byte) 0xFF;

            assertThat(codec.decode(json).rejection().reason()).isEqualTo(RejectReason.INVALID_ENCODING);
            assertThat(codec.decode(json).rejection().message()).contains("0xff", "offset " + at);
        }

        @Test
        void jsonInOtherEncodingsThanUtf8() {
            String json = eventWith("metadata", "{}");

            for (java.nio.charset.Charset charset : List.of(java.nio.charset.StandardCharsets.UTF_16,
                    java.nio.charset.StandardCharsets.UTF_16LE, java.nio.charset.Charset.forName("UTF-32"))) {
                assertThat(codec.decode(json.getBytes(charset)).rejection().reason()).as(charset.name())
                        .isEqualTo(RejectReason.INVALID_ENCODING);
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"C0AF", "E080AF", "EDA080", "F4908080", "F8888080", "80", "E282"})
        void malformedUtf8InsideAString(String hex) {
            byte[] before = eventWith("event_type", "\"cl").getBytes(UTF_8);
            String rest = eventWith("event_type", "\"cl\"");
            rest = rest.substring(rest.indexOf("cl\"") + 2);
            byte[] bad = java.util.HexFormat.of().parseHex(hex);
            byte[] json = new byte[before.length - 0];
            json = java.util.Arrays.copyOf(before, before.length + bad.length + rest.length());
            System.arraycopy(bad, 0, json, before.length, bad.length);
            byte[] tail = rest.getBytes(UTF_8);
            System.arraycopy(tail, 0, json, before.length + bad.length, tail.length);

            assertThat(codec.decode(json).rejection().reason()).isEqualTo(RejectReason.INVALID_ENCODING);
        }

        @Test
        void unpairedSurrogateEscapes() {
            assertRejected(eventWith("event_type", "\"a\\ud800b\""), RejectReason.INVALID_ENCODING, "event_type");
            assertRejected(eventWith("metadata", "{\"k\":\"\\udc00\"}"), RejectReason.INVALID_ENCODING,
                    "metadata.\"k\"");
            // In a field name the parser itself refuses it.
            assertThat(decode(eventWith("metadata", "{\"\\ud83d\":\"v\"}")).rejection().reason())
                    .isIn(RejectReason.INVALID_ENCODING, RejectReason.MALFORMED_JSON);
        }

        @Test
        void pairedSurrogatesAndFourByteCharactersAreFine() {
            UserEvent event = decode(eventWith("metadata", "{\"e\":\"\\ud83d\\ude00 \ud83d\ude00\"}")).value();

            assertThat(event.metadata().get("e")).isEqualTo("\ud83d\ude00 \ud83d\ude00");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"[1,2]|an array", "\"text\"|a string", "42|a number", "null|null",
            "true|a boolean"})
        void notAnObject(String json, String described) {
            assertRejected(json, RejectReason.NOT_AN_OBJECT, described);
        }

        @ParameterizedTest
        @ValueSource(strings = {"user_id", "event_type", "event_time", "event_id"})
        void missingRequiredField(String field) {
            assertRejected(eventWith(field, null), RejectReason.MISSING_FIELD, field);
            assertRejected(eventWith(field, "null"), RejectReason.MISSING_FIELD, field);
        }

        @Test
        void duplicateField() {
            String json = eventWith("metadata", null);
            String twice = json.substring(0, json.length() - 1) + ",\"event_type\":\"again\"}";

            assertRejected(twice, RejectReason.DUPLICATE_FIELD, "event_type");
        }

        @Test
        void duplicateMetadataKey() {
            assertRejected(eventWith("metadata", "{\"k\":\"a\",\"k\":\"b\"}"), RejectReason.DUPLICATE_FIELD,
                    "metadata.\"k\"");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "user_id|42", "user_id|{\"a\":1}", "event_type|true", "event_type|[\"click\"]", "event_id|1.5",
            "event_time|true", "event_time|{}", "metadata|[]", "metadata|\"source=web\""})
        void wrongType(String field, String json) {
            assertRejected(eventWith(field, json), RejectReason.INVALID_TYPE, field);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "not-a-uuid", "589e4567-e89b-12d3-a456-42661417400", "1-2-3-4-5",
            "589e4567e89b12d3a456426614174000", "589e4567-e89b-12d3-a456-42661417400g",
            "{589e4567-e89b-12d3-a456-426614174000}"})
        void invalidUuid(String text) {
            assertRejected(eventWith("user_id", '"' + text + '"'), RejectReason.INVALID_UUID, "user_id");
            assertRejected(eventWith("event_id", '"' + text + '"'), RejectReason.INVALID_UUID, "event_id");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"\"", "\"yesterday\"", "\"2025-11-25\"", "\"2025-11-25T10:15:30\"",
            "\"2025-11-25 10:15:30Z\"", "\"2025-02-29T10:15:30Z\"", "\"2025-13-01T10:15:30Z\"",
            "\"2025-11-25T24:00:00Z\"", "\"2025-11-25T10:60:00Z\"", "\"2025-11-25T10:15:60Z\"",
            "\"2025-11-25T10:15:30.Z\"", "\"2025-11-25T10:15:30.1234567890Z\"", "\"2025-11-25T10:15:30+19:00\"",
            "\"2025-11-25T10:15:30+02:60\"", "\"2025-11-25T10:15:30+2:00\"", "\"+12025-11-25T10:15:30Z\"",
            "\"0000-12-31T23:59:59Z\"", "\"1764065730123\"", "1764065730123.5", "1e12",
            "253402300800000", "-62135596800001", "99999999999999999999999"})
        void invalidTimestamp(String json) {
            assertRejected(eventWith("event_time", json), RejectReason.INVALID_TIMESTAMP, "event_time");
        }
    }
}
