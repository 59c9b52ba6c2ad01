package dev.eventpipeline.infra.generate;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.model.UserEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Payloads the job must refuse, one recipe per {@link RejectReason}, each a broken variant of a real
 * event (so a dead letter still looks like the producer bug it imitates). Several variants per
 * reason: a truncated object and single quotes are both MALFORMED_JSON, a number or an array where
 * a string belongs are both INVALID_TYPE. Over-limit payloads exceed {@link PayloadLimits} by a
 * little, as real ones do.
 */
final class MalformedPayloads {

    private static final String[] NONSENSE_TIMES = {
        "\"yesterday\"", "\"2025-13-45T25:61:00Z\"", "\"\"", "\"25/11/2025 10:15\"", "\"2025-11-25 10:15:30\""};
    private static final String[] BAD_UUIDS = {
        "\"not-a-uuid\"", "\"12345\"", "\"1-2-3-4-5\"", "\"589e4567-e89b-12d3-a456-42661417400g\"", "\"\""};

    /**
     * The reasons with a recipe here. A reason added to {@link RejectReason} later is simply not generated
     * until it gets one (the generator must not fail on it; a test asks for a recipe or a place in
     * {@link #NOT_FROM_A_PAYLOAD}).
     */
    static final Set<RejectReason> SUPPORTED = Collections.unmodifiableSet(EnumSet.of(
            RejectReason.EMPTY_PAYLOAD, RejectReason.TOO_LARGE, RejectReason.INVALID_ENCODING, RejectReason.MALFORMED_JSON, RejectReason.NOT_AN_OBJECT,
            RejectReason.MISSING_FIELD, RejectReason.DUPLICATE_FIELD, RejectReason.INVALID_TYPE, RejectReason.INVALID_UUID,
            RejectReason.INVALID_TIMESTAMP, RejectReason.BLANK_EVENT_TYPE, RejectReason.EVENT_TYPE_TOO_LONG,
            RejectReason.TOO_MANY_METADATA_ENTRIES, RejectReason.METADATA_KEY_TOO_LONG,
            RejectReason.METADATA_VALUE_TOO_LONG, RejectReason.ROW_TOO_LARGE, RejectReason.EVENT_TIME_IN_FUTURE,
            RejectReason.EVENT_TIME_TOO_OLD));

    /**
     * Reasons no payload can be refused for, so they have no recipe: WRITE_REJECTED is given by the
     * Cassandra writer when the server refuses a row that passed validation, never by decoding or the rules.
     */
    static final Set<RejectReason> NOT_FROM_A_PAYLOAD = Collections.unmodifiableSet(EnumSet.of(RejectReason.WRITE_REJECTED));

    /** The ROW_TOO_LARGE recipe's padding keys: this prefix and a number (never a key of a generated event). */
    static final String ROW_PADDING_KEY = "pad";

    /** How far over {@code maxRowBytes} the ROW_TOO_LARGE recipe's rows go: 1 to this many bytes. */
    static final int ROW_OVERSHOOT_BYTES = 64;

    /** The fixed-size columns of a row: user_id 16, bucket_date 4, event_time 8, event_id 16 (event-transform's CassandraLimits). */
    static final int ROW_FIXED_BYTES = 44;

    private final PayloadLimits limits;

    MalformedPayloads(PayloadLimits limits) {
        this.limits = limits;
    }

    byte[] payload(RejectReason reason, UserEvent event, SplittableRandom random) {
        return text(reason, event, random).getBytes(UTF_8);
    }

    private String text(RejectReason reason, UserEvent event, SplittableRandom random) {
        Fields fields = Fields.of(event);
        switch (reason) {
            case EMPTY_PAYLOAD:
                return "";
            case TOO_LARGE: {
                String padding = "x".repeat(limits.maxPayloadBytes() + 1 + random.nextInt(512));
                return fields.set("metadata", metadataJson(Map.of("note", padding))).json();
            }
            case INVALID_ENCODING: // half of a UTF-16 surrogate pair, as a broken client escapes an emoji
                return random.nextBoolean()
                        ? fields.set("event_type", "\"" + event.eventType() + "\\ud83d\"").json()
                        : fields.set("metadata", "{\"note\":\"ok \\ude00\"}").json();
            case MALFORMED_JSON: {
                String valid = fields.json();
                switch (random.nextInt(4)) {
                    case 0: // cut off mid-record, as a crashed producer leaves it
                        return valid.substring(0, 1 + random.nextInt(valid.length() - 1));
                    case 1:
                        return valid.replace('"', '\'');
                    case 2: // unquoted names
                        return valid.replace("\"user_id\"", "user_id").replace("\"event_type\"", "event_type");
                    default:
                        return "user_id=" + event.userId() + "&event_type=" + event.eventType();
                }
            }
            case NOT_AN_OBJECT:
                switch (random.nextInt(4)) {
                    case 0:
                        return "[" + fields.json() + "]";
                    case 1:
                        return quote(event.eventType());
                    case 2:
                        return Long.toString(event.eventTime().toEpochMilli());
                    default:
                        return "null";
                }
            case MISSING_FIELD:
                return fields.remove(pick(random, "user_id", "event_type", "event_time", "event_id")).json();
            case DUPLICATE_FIELD: {
                String name = pick(random, "user_id", "event_type", "event_time", "event_id");
                return fields.duplicate(name).json();
            }
            case INVALID_TYPE:
                switch (random.nextInt(4)) {
                    case 0:
                        return fields.set("user_id", "42").json();
                    case 1:
                        return fields.set("event_type", "[" + quote(event.eventType()) + "]").json();
                    case 2:
                        return fields.set("event_time", "true").json();
                    default:
                        return fields.set("metadata", "[\"source\",\"web\"]").json();
                }
            case INVALID_UUID:
                return fields.set(pick(random, "user_id", "event_id"), pick(random, BAD_UUIDS)).json();
            case INVALID_TIMESTAMP:
                return fields.set("event_time", pick(random, NONSENSE_TIMES)).json();
            case BLANK_EVENT_TYPE:
                return fields.set("event_type", pick(random, "\"\"", "\"   \"", "\"\\t\"")).json();
            case EVENT_TYPE_TOO_LONG: {
                String tooLong = (event.eventType() + "_").repeat(limits.maxEventTypeLength()).substring(0,
                        limits.maxEventTypeLength() + 1 + random.nextInt(8));
                return fields.set("event_type", quote(tooLong)).json();
            }
            case TOO_MANY_METADATA_ENTRIES: {
                Map<String, String> many = new java.util.LinkedHashMap<>(event.metadata());
                for (int i = 0; many.size() <= limits.maxMetadataEntries(); i++) {
                    many.put("tag_" + i, "v" + i);
                }
                return fields.set("metadata", metadataJson(many)).json();
            }
            case METADATA_KEY_TOO_LONG: {
                Map<String, String> metadata = new java.util.LinkedHashMap<>(event.metadata());
                metadata.put("k".repeat(limits.maxMetadataKeyLength() + 1 + random.nextInt(8)), "v");
                return fields.set("metadata", metadataJson(metadata)).json();
            }
            case ROW_TOO_LARGE: {
                // Every field within its own limit, but padding entries (values of up to the value limit)
                // take the stored row 1 to 64 bytes over maxRowBytes. PayloadLimits says when this fits.
                Map<String, String> metadata = new java.util.LinkedHashMap<>(event.metadata());
                long row = storedRowBytes(event.eventType(), metadata);
                long target = (long) limits.maxRowBytes() + 1 + random.nextInt(ROW_OVERSHOOT_BYTES);
                for (int i = 0; row < target; i++) {
                    String key = ROW_PADDING_KEY + i;
                    int valueBytes = (int) Math.max(0, Math.min(limits.maxMetadataValueBytes(), target - row - key.length()));
                    metadata.put(key, "x".repeat(valueBytes));
                    row += key.length() + valueBytes;
                }
                return fields.set("metadata", metadataJson(metadata)).json();
            }
            case METADATA_VALUE_TOO_LONG: {
                Map<String, String> metadata = new java.util.LinkedHashMap<>(event.metadata());
                metadata.put("user_agent", "Mozilla/5.0 ".repeat(limits.maxMetadataValueBytes() / 12 + 1)
                        .substring(0, limits.maxMetadataValueBytes() + 1));
                return fields.set("metadata", metadataJson(metadata)).json();
            }
            case EVENT_TIME_IN_FUTURE: {
                Instant future = event.eventTime().plus(limits.maxFutureSkew()).plus(Duration.ofDays(1 + random.nextInt(365)));
                return fields.set("event_time", quote(future.toString())).json();
            }
            case EVENT_TIME_TOO_OLD: {
                Duration maxAge = limits.maxAge().orElseThrow(
                        () -> new IllegalStateException("EVENT_TIME_TOO_OLD needs a maximum age"));
                Instant old = event.eventTime().minus(maxAge).minus(Duration.ofDays(1 + random.nextInt(365)));
                return fields.set("event_time", quote(old.toString())).json();
            }
            default:
                throw new IllegalArgumentException("no recipe for " + reason);
        }
    }

    /** The row's size as Cassandra stores it: the fixed-size columns and the UTF-8 of every string. */
    static long storedRowBytes(String eventType, Map<String, String> metadata) {
        long bytes = ROW_FIXED_BYTES + eventType.getBytes(UTF_8).length;
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            bytes += entry.getKey().getBytes(UTF_8).length + entry.getValue().getBytes(UTF_8).length;
        }
        return bytes;
    }

    @SafeVarargs
    private static <T> T pick(SplittableRandom random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    static String metadataJson(Map<String, String> metadata) {
        StringBuilder out = new StringBuilder("{");
        metadata.forEach((key, value) -> out.append(out.length() > 1 ? "," : "").append(quote(key)).append(':')
                .append(quote(value)));
        return out.append('}').toString();
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** An event's top-level fields as raw JSON values, in order, editable (duplicates allowed). */
    private static final class Fields {
        private final List<String[]> entries = new ArrayList<>();

        static Fields of(UserEvent event) {
            Fields fields = new Fields();
            fields.entries.add(new String[] {"user_id", quote(event.userId().toString())});
            fields.entries.add(new String[] {"event_type", quote(event.eventType())});
            fields.entries.add(new String[] {"event_time", quote(event.eventTime().toString())});
            fields.entries.add(new String[] {"event_id", quote(event.eventId().toString())});
            fields.entries.add(new String[] {"metadata", metadataJson(event.metadata())});
            return fields;
        }

        Fields set(String name, String rawValue) {
            entries.stream().filter(entry -> entry[0].equals(name)).forEach(entry -> entry[1] = rawValue);
            return this;
        }

        Fields remove(String name) {
            entries.removeIf(entry -> entry[0].equals(name));
            return this;
        }

        Fields duplicate(String name) {
            String[] original = entries.stream().filter(entry -> entry[0].equals(name)).findFirst().orElseThrow();
            entries.add(new String[] {original[0], original[1]});
            return this;
        }

        String json() {
            StringBuilder out = new StringBuilder("{");
            for (String[] entry : entries) {
                out.append(out.length() > 1 ? "," : "").append(quote(entry[0])).append(':').append(entry[1]);
            }
            return out.append('}').toString();
        }
    }
}
