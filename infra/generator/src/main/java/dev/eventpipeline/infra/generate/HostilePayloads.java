package dev.eventpipeline.infra.generate;

import static dev.eventpipeline.infra.generate.PayloadJson.event;
import static dev.eventpipeline.infra.generate.PayloadJson.metadataJson;
import static dev.eventpipeline.infra.generate.PayloadJson.quote;
import static dev.eventpipeline.infra.generate.PayloadJson.splice;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.eventpipeline.infra.generate.PayloadJson.Fields;
import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.model.UserEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The payloads no correct pipeline may turn into a row, in the three forms their users need:
 *
 * <ul>
 *   <li>{@link #refusedFor}: a broken variant of a real event for a given {@link RejectReason}, several
 *       recipes per reason, over {@link PayloadLimits} by a little as real ones are ({@link EventGenerator}
 *       and so {@code pipeline generate} mix these into their traffic);
 *   <li>{@link #oneOfEachReason()}: one fixed payload per reason reachable under
 *       {@link #ONE_OF_EACH_REASON_LIMITS} (the event-job tests and the scenarios' mixed streams);
 *   <li>{@link #corpus(long)}: over a thousand named hostile payloads for a job running with
 *       {@link #CORPUS_LIMITS} (the poison-corpus scenario): truncated and malformed JSON, wrong types,
 *       missing fields and nulls, bad UUIDs and timestamps, bytes that are not UTF-8, empty and ~1 MiB
 *       messages, deeply nested metadata, values over the validation limits and over what Cassandra stores
 *       (an event_type over 65,535 UTF-8 bytes, the clustering key limit, however it is padded or encoded;
 *       rows over the row limit). Every entry is named by its kind, so a failure says which got through.
 * </ul>
 *
 * <p>Once gaps (found while building the corpus, since closed in event-model and now part of it): UTF-16
 * JSON (Jackson detects the encoding), overlong UTF-8 sequences such as C0 AF, four-byte sequences above
 * U+10FFFF such as F4 90 80 80, and escaped NUL or unpaired surrogates inside strings.
 */
public final class HostilePayloads {

    public static final int ONE_MIB = 1024 * 1024;

    /**
     * The limits {@link #oneOfEachReason()} is made for, and the event-job tests run the job with: payloads
     * over 8 KiB are refused (so TOO_LARGE is reachable) and events older than ten years (so is
     * EVENT_TIME_TOO_OLD). ROW_TOO_LARGE is not: a payload of at most 8 KiB makes a smaller row than the
     * default 1 MiB row limit (see {@link PayloadLimits#rowTooLargeFits()}).
     */
    public static final PayloadLimits ONE_OF_EACH_REASON_LIMITS =
            PayloadLimits.JOB_DEFAULTS.withMaxPayloadBytes(8192).withMaxAge(Duration.ofDays(3650));

    /**
     * The limits {@link #corpus(long)} is made for: the production limits (payloads up to 1 MiB), events up
     * to ten years old, and rows of at most 64 KiB. Under the default field limits no row can reach the
     * default {@code validation.max-row-bytes} of 1 MiB (64 entries of a 128-character key and a 4,096-byte
     * value, and a 64-character event_type, make at most 286,956 bytes), so a lower row limit is what lets
     * the corpus hold rows over it (ROW_TOO_LARGE).
     */
    public static final PayloadLimits CORPUS_LIMITS =
            PayloadLimits.JOB_DEFAULTS.withMaxRowBytes(64 * 1024).withMaxAge(Duration.ofDays(3650));

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

    /** The fixed payloads' and the corpus's user_id, event_id and event_time (as raw JSON values). */
    static final String USER = "589e4567-e89b-12d3-a456-426614174000";
    static final String ID = "7d2f1c9e-3b4a-4f6d-9e8c-1a2b3c4d5e6f";
    static final String TIME = "\"2026-11-24T10:00:00.123Z\"";
    static final String EPOCH_MILLIS = "1764065730123";

    private final PayloadLimits limits;

    /** Recipes that break events just over {@code limits}. */
    HostilePayloads(PayloadLimits limits) {
        this.limits = limits;
    }

    /** A broken variant of {@code event} that the job refuses for {@code reason} (a recipe picked by {@code random}). */
    byte[] refusedFor(RejectReason reason, UserEvent event, SplittableRandom random) {
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


    /**
     * One fixed payload per reason reachable under {@link #ONE_OF_EACH_REASON_LIMITS} (all but ROW_TOO_LARGE
     * and WRITE_REJECTED), each the smallest of its kind, with the user_id, event_id and time the same in all.
     */
    public static Map<RejectReason, byte[]> oneOfEachReason() {
        PayloadLimits limits = ONE_OF_EACH_REASON_LIMITS;
        String user = "\"user_id\":" + quote(USER);
        String rest = ",\"event_time\":" + EPOCH_MILLIS + ",\"event_id\":" + quote(ID) + "}";
        Map<RejectReason, String> json = new EnumMap<>(RejectReason.class);
        json.put(RejectReason.EMPTY_PAYLOAD, "");
        json.put(RejectReason.TOO_LARGE, fixedEvent("\"click\"", EPOCH_MILLIS,
                "{\"blob\":\"" + "x".repeat(limits.maxPayloadBytes()) + "\"}"));
        json.put(RejectReason.INVALID_ENCODING, fixedEvent("\"click\\ud800\"", EPOCH_MILLIS, "{}")); // unpaired surrogate
        json.put(RejectReason.MALFORMED_JSON, "{\"user_id\":");
        json.put(RejectReason.NOT_AN_OBJECT, "[1,2,3]");
        json.put(RejectReason.MISSING_FIELD, "{" + user + rest);
        json.put(RejectReason.DUPLICATE_FIELD, "{" + user + "," + user + ",\"event_type\":\"x\"" + rest);
        json.put(RejectReason.INVALID_TYPE, "{\"user_id\":42,\"event_type\":\"x\"" + rest);
        json.put(RejectReason.INVALID_UUID, "{\"user_id\":\"nope\",\"event_type\":\"x\"" + rest);
        json.put(RejectReason.INVALID_TIMESTAMP, fixedEvent("\"click\"", "\"yesterday\"", "{}"));
        json.put(RejectReason.BLANK_EVENT_TYPE, fixedEvent("\"  \"", EPOCH_MILLIS, "{}"));
        json.put(RejectReason.EVENT_TYPE_TOO_LONG, fixedEvent(
                quote("t".repeat(limits.maxEventTypeLength() + 1)), EPOCH_MILLIS, "{}"));
        Map<String, String> tooMany = new LinkedHashMap<>();
        for (int i = 0; i <= limits.maxMetadataEntries(); i++) {
            tooMany.put("k" + i, "v");
        }
        json.put(RejectReason.TOO_MANY_METADATA_ENTRIES, fixedEvent("\"click\"", EPOCH_MILLIS, metadataJson(tooMany)));
        json.put(RejectReason.METADATA_KEY_TOO_LONG, fixedEvent("\"click\"", EPOCH_MILLIS,
                metadataJson(Map.of("k".repeat(limits.maxMetadataKeyLength() + 1), "v"))));
        // Over the limit in UTF-8 bytes (4,100) but not in characters (3,100): the limit counts bytes.
        json.put(RejectReason.METADATA_VALUE_TOO_LONG, fixedEvent("\"click\"", EPOCH_MILLIS,
                "{\"k\":\"" + "v".repeat(2100) + "\u00e9".repeat(1000) + "\"}"));
        json.put(RejectReason.EVENT_TIME_IN_FUTURE, fixedEvent("\"click\"", "\"9999-01-01T00:00:00Z\"", "{}"));
        json.put(RejectReason.EVENT_TIME_TOO_OLD, fixedEvent("\"click\"", "\"1999-12-31T23:59:59Z\"", "{}"));
        if (!json.keySet().equals(limits.reachableReasons())) {
            throw new IllegalStateException("a reason reachable under " + limits + " needs a fixed payload: "
                    + limits.reachableReasons() + " but there are " + json.keySet());
        }
        Map<RejectReason, byte[]> payloads = new EnumMap<>(RejectReason.class);
        json.forEach((reason, text) -> payloads.put(reason, text.getBytes(UTF_8)));
        return payloads;
    }

    private static String fixedEvent(String eventType, String eventTime, String metadata) {
        return event(quote(USER), eventType, eventTime, quote(ID), metadata);
    }

    /**
     * The poison corpus, name to payload (a null payload is a Kafka record with a null value, a tombstone),
     * for a job running with {@link #CORPUS_LIMITS}; the seed picks the random binary entries.
     */
    public static Map<String, byte[]> corpus(long seed) {
        Map<String, byte[]> corpus = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(seed);

        // Truncated: every proper prefix of three well-formed events (the empty prefix included).
        List<String> wholeEvents = List.of(
                event("\"" + USER + "\"", "\"click\"", TIME, "\"" + ID + "\"", "{\"source\":\"web\",\"page\":\"/home\"}"),
                event("\"" + USER + "\"", "\"purchase\"", "1764065730123", "\"" + ID + "\"", "{\"amount\":12.5,\"items\":[1,2]}"),
                "  " + event("\"" + USER + "\"", "\"view\"", TIME, "\"" + ID + "\"", "{}") + "\n");
        for (int e = 0; e < wholeEvents.size(); e++) {
            String whole = wholeEvents.get(e).stripTrailing();
            for (int length = 0; length < whole.length(); length++) {
                if (whole.substring(0, length).isBlank() && length > 0) {
                    continue; // whitespace-only prefixes are covered once below
                }
                corpus.put("truncated-" + e + "-at-" + length, whole.substring(0, length).getBytes(UTF_8));
            }
        }

        // Malformed JSON.
        List<String> malformed = List.of("{", "}", "{{}", "{}}", "{} {}", "{}x", "{\"user_id\" \"" + USER + "\"}",
                "{'user_id':'" + USER + "'}", "{user_id:\"" + USER + "\"}", "{\"user_id\":\"" + USER + "\",}",
                "{,}", "{\"a\":}", "{\"a\"}", "{\"a\":1,,\"b\":2}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":01}",
                "{\"a\":1.}", "{\"a\":-}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}",
                "{\"a\":\"unterminated}", "{\"a\":\"tab\there\"}", "{\"a\":\"line\nbreak\"}", "{/*c*/\"a\":1}",
                "{\"a\":1}//", "# comment\n{}", "{\"a\":[1,2}", "{\"a\":{\"b\":1]}", "\u00ef\u00bb\u00bf{", "<xml/>",
                "user_id=" + USER, "\"\\", "{\"a\":1e99999999}", "{\"event_time\":" + "9".repeat(101) + "}",
                "{\"" + "k".repeat(10) + "\":\"v\"" + ",\"k\":1".repeat(3) + "]");
        for (int i = 0; i < malformed.size(); i++) {
            corpus.put("malformed-" + i, malformed.get(i).getBytes(UTF_8));
        }

        // Not an object.
        List<String> notObjects = List.of("null", "true", "false", "42", "-1.5", "\"event\"", "[]", "[{}]",
                "[" + event("\"" + USER + "\"", "\"click\"", TIME, "\"" + ID + "\"", "{}") + "]");
        for (int i = 0; i < notObjects.size(); i++) {
            corpus.put("not-an-object-" + i, notObjects.get(i).getBytes(UTF_8));
        }

        // Wrong types, field by field.
        List<String> notStrings = List.of("42", "-1", "1.5", "true", "false", "[]", "[\"" + USER + "\"]", "{}",
                "{\"id\":\"" + USER + "\"}");
        for (int i = 0; i < notStrings.size(); i++) {
            String value = notStrings.get(i);
            corpus.put("wrong-type-user_id-" + i, event(value, "\"click\"", TIME, "\"" + ID + "\"", "{}").getBytes(UTF_8));
            corpus.put("wrong-type-event_type-" + i, event("\"" + USER + "\"", value, TIME, "\"" + ID + "\"", "{}").getBytes(UTF_8));
            corpus.put("wrong-type-event_id-" + i, event("\"" + USER + "\"", "\"click\"", TIME, value, "{}").getBytes(UTF_8));
        }
        List<String> notTimes = List.of("true", "false", "[]", "{}", "[1764065730123]", "{\"ms\":1764065730123}");
        for (int i = 0; i < notTimes.size(); i++) {
            corpus.put("wrong-type-event_time-" + i,
                    event("\"" + USER + "\"", "\"click\"", notTimes.get(i), "\"" + ID + "\"", "{}").getBytes(UTF_8));
        }
        List<String> notMaps = List.of("42", "\"source=web\"", "true", "[]", "[[\"k\",\"v\"]]", "1.5");
        for (int i = 0; i < notMaps.size(); i++) {
            corpus.put("wrong-type-metadata-" + i,
                    event("\"" + USER + "\"", "\"click\"", TIME, "\"" + ID + "\"", notMaps.get(i)).getBytes(UTF_8));
        }

        // Missing and null required fields: every non-empty subset of the four.
        String[] names = {"user_id", "event_type", "event_time", "event_id"};
        String[] values = {"\"" + USER + "\"", "\"click\"", TIME, "\"" + ID + "\""};
        for (int mask = 1; mask < 16; mask++) {
            StringBuilder missing = new StringBuilder("{");
            StringBuilder nulls = new StringBuilder("{");
            for (int f = 0; f < names.length; f++) {
                boolean gone = (mask & (1 << f)) != 0;
                if (!gone) {
                    missing.append(missing.length() > 1 ? "," : "").append('"').append(names[f]).append("\":").append(values[f]);
                }
                nulls.append(f > 0 ? "," : "").append('"').append(names[f]).append("\":").append(gone ? "null" : values[f]);
            }
            corpus.put("missing-" + mask, (missing + ",\"metadata\":{}}").getBytes(UTF_8));
            corpus.put("null-" + mask, (nulls + ",\"metadata\":null}").getBytes(UTF_8));
        }

        // Bad UUIDs, as user_id and as event_id.
        List<String> badUuids = List.of("", " ", "nope", "123", "589e4567-e89b-12d3-a456-42661417400",
                "589e4567-e89b-12d3-a456-4266141740000", "589e4567-e89b-12d3-a456-42661417400g",
                "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "589e4567_e89b_12d3_a456_426614174000",
                "589e4567-e89b-12d3-a456426614174000-", "{" + USER + "}", USER + " trailing", "-" + USER,
                "589e4567-e89b-12d3-a456-4266141740\u00e9", "00000000-0000-0000-0000-00000000000",
                "589e4567--e89b-12d3-a456-42661417400", "null");
        for (int i = 0; i < badUuids.size(); i++) {
            String quoted = "\"" + badUuids.get(i) + "\"";
            corpus.put("bad-uuid-user_id-" + i, event(quoted, "\"click\"", TIME, "\"" + ID + "\"", "{}").getBytes(UTF_8));
            corpus.put("bad-uuid-event_id-" + i, event("\"" + USER + "\"", "\"click\"", TIME, quoted, "{}").getBytes(UTF_8));
        }

        // Bad timestamps (the job runs with max-age 3650 d and future skew 1 h).
        List<String> badTimes = List.of("\"yesterday\"", "\"\"", "\" \"", "\"2025-13-01T00:00:00Z\"",
                "\"2025-02-30T00:00:00Z\"", "\"2025-11-25T25:00:00Z\"", "\"2025-11-25T10:61:00Z\"",
                "\"10000-01-01T00:00:00Z\"", "\"+999999999-12-31T23:59:59Z\"", "\"-000001-01-01T00:00:00Z\"",
                "\"2025-11-25T10:15:30.123+25:00\"", "\"1764065730123\"", "\"2025/11/25 10:15:30\"", "\"NaN\"",
                "1.5", "1764065730123.0", "-1e3", "99999999999999999999", "-99999999999999999999",
                "253402300800000", "-62135596800001", "\"9999-12-31T23:59:59Z\"", "32503680000000",
                "\"1999-12-31T23:59:59Z\"", "0", "946684799999", "\"1970-01-01T00:00:00Z\"");
        for (int i = 0; i < badTimes.size(); i++) {
            corpus.put("bad-timestamp-" + i,
                    event("\"" + USER + "\"", "\"click\"", badTimes.get(i), "\"" + ID + "\"", "{}").getBytes(UTF_8));
        }

        // Not UTF-8: invalid bytes inside the fields, and random binary.
        byte[][] invalidUtf8 = {{(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0x80}, {(byte) 0xBF}, {(byte) 0xC3, '('},
                {'c', (byte) 0xE9}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
        for (int i = 0; i < invalidUtf8.length; i++) {
            corpus.put("non-utf8-event_type-" + i, splice(event("\"" + USER + "\"", "\"@\"", TIME, "\"" + ID + "\"", "{}"),
                    invalidUtf8[i]));
            corpus.put("non-utf8-metadata-value-" + i, splice(event("\"" + USER + "\"", "\"click\"", TIME,
                    "\"" + ID + "\"", "{\"k\":\"@\"}"), invalidUtf8[i]));
            corpus.put("non-utf8-metadata-key-" + i, splice(event("\"" + USER + "\"", "\"click\"", TIME,
                    "\"" + ID + "\"", "{\"@\":\"v\"}"), invalidUtf8[i]));
            corpus.put("non-utf8-whole-" + i, invalidUtf8[i].clone());
        }
        corpus.put("latin1-encoded-event", event("\"" + USER + "\"", "\"caf\u00e9\"", TIME, "\"" + ID + "\"", "{}")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        for (int i = 0; i < 200; i++) {
            byte[] binary = new byte[1 + random.nextInt(512)];
            for (int b = 0; b < binary.length; b++) {
                binary[b] = (byte) random.nextInt(256);
            }
            binary[0] = (byte) (0x80 | random.nextInt(0x80)); // never a valid first byte of a JSON text
            corpus.put("binary-" + i, binary);
        }

        // Other encodings and UTF-8 that decoders are lenient about: all refused as INVALID_ENCODING.
        String plain = event("\"" + USER + "\"", "\"caf\u00e9\"", TIME, "\"" + ID + "\"", "{}");
        corpus.put("utf16-with-bom", plain.getBytes(java.nio.charset.StandardCharsets.UTF_16));
        corpus.put("utf16le-without-bom", plain.getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        corpus.put("utf32", plain.getBytes(java.nio.charset.Charset.forName("UTF-32")));
        byte[][] lenientUtf8 = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
        for (int i = 0; i < lenientUtf8.length; i++) {
            corpus.put("overlong-or-beyond-unicode-" + i, splice(event("\"" + USER + "\"", "\"@\"", TIME,
                    "\"" + ID + "\"", "{}"), lenientUtf8[i]));
        }
        corpus.put("unpaired-surrogate-event_type", event("\"" + USER + "\"", "\"click\\ud800\"", TIME,
                "\"" + ID + "\"", "{}").getBytes(UTF_8));
        corpus.put("unpaired-surrogate-metadata", event("\"" + USER + "\"", "\"click\"", TIME,
                "\"" + ID + "\"", "{\"k\":\"\\udc00\"}").getBytes(UTF_8));

        // Empty, whitespace and null values.
        corpus.put("empty", new byte[0]);
        corpus.put("tombstone", null);
        corpus.put("whitespace-space", " ".getBytes(UTF_8));
        corpus.put("whitespace-mixed", " \t\r\n ".getBytes(UTF_8));
        corpus.put("nul-byte", new byte[] {0});
        corpus.put("nul-bytes-in-object", "{\"user_id\":\u0000}".getBytes(UTF_8));

        // About 1 MiB: at the limit (so parsed, then refused) and over it.
        byte[] filler = new byte[ONE_MIB];
        Arrays.fill(filler, (byte) 'x');
        corpus.put("1mib-of-x", filler);
        corpus.put("1mib-plus-1", event("\"" + USER + "\"", "\"click\"", TIME, "\"" + ID + "\"",
                "{\"blob\":\"" + "y".repeat(ONE_MIB) + "\"}").getBytes(UTF_8));
        String exactlyAtLimitPrefix = event("\"" + USER + "\"", "\"click\"", TIME, "\"" + ID + "\"", "{\"blob\":\"");
        int blob = ONE_MIB - exactlyAtLimitPrefix.length() - "\"}}".length();
        corpus.put("1mib-metadata-value", (exactlyAtLimitPrefix + "z".repeat(blob) + "\"}}").getBytes(UTF_8));
        corpus.put("1mib-event_type", event("\"" + USER + "\"", "\"" + "t".repeat(ONE_MIB - 300) + "\"", TIME,
                "\"" + ID + "\"", "{}").getBytes(UTF_8));
        StringBuilder manyEntries = new StringBuilder("{");
        for (int i = 0; manyEntries.length() < ONE_MIB - 400; i++) {
            manyEntries.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        corpus.put("1mib-of-metadata-entries", event("\"" + USER + "\"", "\"click\"", TIME, "\"" + ID + "\"",
                manyEntries.append('}').toString()).getBytes(UTF_8));

        // Deeply nested metadata values, objects and arrays.
        for (int depth : new int[] {33, 64, 100, 1_000, 10_000, 100_000}) {
            corpus.put("nested-objects-" + depth, event("\"" + USER + "\"", "\"click\"", TIME, "\"" + ID + "\"",
                    "{\"n\":" + "{\"n\":".repeat(depth) + "1" + "}".repeat(depth) + "}").getBytes(UTF_8));
            corpus.put("nested-arrays-" + depth, event("\"" + USER + "\"", "\"click\"", TIME, "\"" + ID + "\"",
                    "{\"n\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(UTF_8));
            corpus.put("unclosed-nesting-" + depth, "[".repeat(depth).getBytes(UTF_8));
        }

        // Over the validation limits.
        corpus.put("blank-event_type", event("\"" + USER + "\"", "\" \\t \"", TIME, "\"" + ID + "\"", "{}").getBytes(UTF_8));
        corpus.put("empty-event_type", event("\"" + USER + "\"", "\"\"", TIME, "\"" + ID + "\"", "{}").getBytes(UTF_8));
        corpus.put("long-event_type", event("\"" + USER + "\"", "\"" + "t".repeat(65) + "\"", TIME, "\"" + ID + "\"",
                "{}").getBytes(UTF_8));
        corpus.put("long-metadata-key", event("\"" + USER + "\"", "\"click\"", TIME, "\"" + ID + "\"",
                "{\"" + "k".repeat(129) + "\":\"v\"}").getBytes(UTF_8));
        corpus.put("long-metadata-value", event("\"" + USER + "\"", "\"click\"", TIME, "\"" + ID + "\"",
                "{\"k\":\"" + "\u00e9".repeat(2049) + "\"}").getBytes(UTF_8));
        corpus.put("duplicate-user_id", ("{\"user_id\":\"" + USER + "\"," + event("\"" + USER + "\"", "\"click\"", TIME,
                "\"" + ID + "\"", "{}").substring(1)).getBytes(UTF_8));
        corpus.put("duplicate-metadata-key", event("\"" + USER + "\"", "\"click\"", TIME, "\"" + ID + "\"",
                "{\"k\":\"a\",\"k\":\"b\"}").getBytes(UTF_8));

        // Over what Cassandra stores: a clustering key component is at most 65,535 bytes. Stored as sent
        // (never trimmed), so padding counts.
        corpus.put("event_type-70000-spaces-and-a-letter", withEventType(" ".repeat(70_000) + "x"));
        corpus.put("event_type-65536-bytes-of-padding", withEventType(" ".repeat(65_535) + "x"));
        corpus.put("event_type-three-byte-chars-over-65535-bytes", withEventType("\u4e2d".repeat(21_846)));
        corpus.put("event_type-four-byte-chars-over-65535-bytes", withEventType("\ud83d\ude00".repeat(16_384)));
        corpus.put("event_type-escaped-three-byte-chars-over-65535-bytes", withEventType("\\u4e2d".repeat(21_846)));
        // Rows over validation.max-row-bytes with every field within its own limit.
        corpus.put("row-one-byte-over-max-row-bytes", rowOfBytes(CORPUS_LIMITS.maxRowBytes() + 1, "x"));
        corpus.put("row-over-max-row-bytes", rowOfBytes(CORPUS_LIMITS.maxRowBytes() + 4_096, "x"));
        corpus.put("row-over-max-row-bytes-in-three-byte-chars",
                rowOfBytes(CORPUS_LIMITS.maxRowBytes() + 3, "\u4e2d"));
        return corpus;
    }

    private static byte[] withEventType(String rawJsonText) {
        return event("\"" + USER + "\"", "\"" + rawJsonText + "\"", TIME, "\"" + ID + "\"", "{}").getBytes(UTF_8);
    }

    /**
     * An event of type "click" whose row is {@code rowBytes} bytes as stored (44 fixed, event_type,
     * metadata keys and values in UTF-8), in entries of up to 4,096-byte values made of {@code unit} (one
     * character) and 3-character keys, so every field is within the default limits.
     */
    static byte[] rowOfBytes(int rowBytes, String unit) {
        int unitBytes = unit.getBytes(UTF_8).length;
        int remaining = rowBytes - ROW_FIXED_BYTES - "click".length();
        StringBuilder metadata = new StringBuilder("{");
        for (int i = 0; remaining > 0; i++) {
            String key = String.format("k%02d", i);
            int valueBytes = Math.min(4096 / unitBytes * unitBytes, remaining - key.length());
            if (valueBytes % unitBytes != 0 || valueBytes < 0) {
                throw new IllegalArgumentException(rowBytes + " bytes cannot be made of " + unit);
            }
            metadata.append(i == 0 ? "" : ",").append('"').append(key).append("\":\"")
                    .append(unit.repeat(valueBytes / unitBytes)).append('"');
            remaining -= key.length() + valueBytes;
        }
        return event("\"" + USER + "\"", "\"click\"", TIME, "\"" + ID + "\"", metadata.append('}').toString())
                .getBytes(UTF_8);
    }
}
