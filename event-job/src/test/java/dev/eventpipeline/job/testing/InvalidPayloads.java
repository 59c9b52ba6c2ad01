package dev.eventpipeline.job.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.eventpipeline.model.RejectReason;
import java.util.EnumMap;
import java.util.Map;

/**
 * One payload per reason code. Assumes the job runs with {@link #MAX_PAYLOAD_BYTES} and
 * {@link #MAX_AGE_ARGUMENT} so that TOO_LARGE and EVENT_TIME_TOO_OLD are reachable.
 */
public final class InvalidPayloads {

    public static final int MAX_PAYLOAD_BYTES = 8192;
    public static final String MAX_AGE_ARGUMENT = "3650 d";

    private static final String USER = "\"user_id\":\"589e4567-e89b-12d3-a456-426614174000\"";
    private static final String ID = "\"event_id\":\"7d2f1c9e-3b4a-4f6d-9e8c-1a2b3c4d5e6f\"";
    private static final String TIME = "\"event_time\":1764065730123";

    private InvalidPayloads() {}

    public static Map<RejectReason, byte[]> oneOfEachReason() {
        Map<RejectReason, String> json = new EnumMap<>(RejectReason.class);
        json.put(RejectReason.EMPTY_PAYLOAD, "");
        json.put(RejectReason.TOO_LARGE, event("\"click\"", TIME, "{\"blob\":\"" + "x".repeat(MAX_PAYLOAD_BYTES) + "\"}"));
        json.put(RejectReason.INVALID_ENCODING, event("\"click\\ud800\"", TIME, "{}")); // unpaired surrogate
        json.put(RejectReason.MALFORMED_JSON, "{\"user_id\":");
        json.put(RejectReason.NOT_AN_OBJECT, "[1,2,3]");
        json.put(RejectReason.MISSING_FIELD, "{" + USER + "," + TIME + "," + ID + "}");
        json.put(RejectReason.DUPLICATE_FIELD, "{" + USER + "," + USER + ",\"event_type\":\"x\"," + TIME + "," + ID + "}");
        json.put(RejectReason.INVALID_TYPE, "{\"user_id\":42,\"event_type\":\"x\"," + TIME + "," + ID + "}");
        json.put(RejectReason.INVALID_UUID, "{\"user_id\":\"nope\",\"event_type\":\"x\"," + TIME + "," + ID + "}");
        json.put(RejectReason.INVALID_TIMESTAMP, event("\"click\"", "\"event_time\":\"yesterday\"", "{}"));
        json.put(RejectReason.BLANK_EVENT_TYPE, event("\"  \"", TIME, "{}"));
        json.put(RejectReason.EVENT_TYPE_TOO_LONG, event("\"" + "t".repeat(65) + "\"", TIME, "{}"));
        json.put(RejectReason.TOO_MANY_METADATA_ENTRIES, event("\"click\"", TIME, manyEntries(65)));
        json.put(RejectReason.METADATA_KEY_TOO_LONG, event("\"click\"", TIME, "{\"" + "k".repeat(129) + "\":\"v\"}"));
        json.put(RejectReason.METADATA_VALUE_TOO_LONG, event("\"click\"", TIME, "{\"k\":\"" + "v".repeat(2100) + "\u00e9".repeat(1000) + "\"}"));
        json.put(RejectReason.EVENT_TIME_IN_FUTURE, event("\"click\"", "\"event_time\":\"9999-01-01T00:00:00Z\"", "{}"));
        json.put(RejectReason.EVENT_TIME_TOO_OLD, event("\"click\"", "\"event_time\":\"1999-12-31T23:59:59Z\"", "{}"));
        Map<RejectReason, byte[]> payloads = new EnumMap<>(RejectReason.class);
        json.forEach((reason, text) -> payloads.put(reason, text.getBytes(UTF_8)));
        if (payloads.size() != RejectReason.values().length) {
            throw new IllegalStateException("a reason code has no test payload");
        }
        return payloads;
    }

    private static String event(String eventType, String time, String metadata) {
        return "{" + USER + ",\"event_type\":" + eventType + "," + time + "," + ID + ",\"metadata\":" + metadata + "}";
    }

    private static String manyEntries(int count) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        return out.append('}').toString();
    }
}
