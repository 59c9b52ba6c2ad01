package dev.eventpipeline.job.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.eventpipeline.model.RejectReason;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * One payload per reason code a payload can be refused for. Assumes the job runs with
 * {@link #MAX_PAYLOAD_BYTES} and {@link #MAX_AGE_ARGUMENT} (as {@link TestPipelines#arguments} sets them)
 * so that TOO_LARGE and EVENT_TIME_TOO_OLD are reachable; the reasons in {@link #UNREACHABLE} have none.
 */
public final class InvalidPayloads {

    public static final int MAX_PAYLOAD_BYTES = 8192;
    public static final String MAX_AGE_ARGUMENT = "3650 d";

    /**
     * Reasons {@link #oneOfEachReason} has no payload for, on purpose:
     * <ul>
     *   <li>WRITE_REJECTED: not a payload's fate at all; the Cassandra writer gives it when the server
     *       refuses a row that passed validation.
     *   <li>ROW_TOO_LARGE: unreachable under these limits. A payload of at most {@link #MAX_PAYLOAD_BYTES}
     *       makes a smaller row (JSON never holds a stored string in fewer bytes than its UTF-8, and the
     *       fixed columns take 44 bytes in the row but far more as JSON text), and the job's default
     *       {@code validation.max-row-bytes} is 1 MiB. Reaching it would take a
     *       {@code --validation.max-row-bytes} below {@link #MAX_PAYLOAD_BYTES} in the job's arguments.
     * </ul>
     */
    public static final Set<RejectReason> UNREACHABLE =
            Collections.unmodifiableSet(EnumSet.of(RejectReason.ROW_TOO_LARGE, RejectReason.WRITE_REJECTED));

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
        for (RejectReason reason : RejectReason.values()) {
            if (payloads.containsKey(reason) == UNREACHABLE.contains(reason)) {
                throw new IllegalStateException(reason + ": a reason needs a test payload or a place in UNREACHABLE, not both");
            }
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
