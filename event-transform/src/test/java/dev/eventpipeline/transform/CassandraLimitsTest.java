package dev.eventpipeline.transform;

import static dev.eventpipeline.transform.CassandraLimits.DEFAULT_MAX_FRAME_BYTES;
import static dev.eventpipeline.transform.CassandraLimits.DEFAULT_MAX_MUTATION_BYTES;
import static dev.eventpipeline.transform.CassandraLimits.DEFAULT_MAX_VALUE_BYTES;
import static dev.eventpipeline.transform.CassandraLimits.MAX_EVENT_TYPE_LENGTH_LIMIT;
import static dev.eventpipeline.transform.CassandraLimits.MAX_KEY_COMPONENT_BYTES;
import static dev.eventpipeline.transform.CassandraLimits.MAX_METADATA_FIELD_BYTES_LIMIT;
import static dev.eventpipeline.transform.CassandraLimits.MAX_ROW_BYTES_LIMIT;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.model.Result;
import dev.eventpipeline.model.UserEvent;
import dev.eventpipeline.model.UserEventCassandraModel;
import dev.eventpipeline.model.json.UserEventJsonCodec;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Each documented Cassandra 5.0 limit on a {@code user_events} row, and proof that the validation rules
 * enforce it before any write: under the WIDEST configuration the job's options allow (the maxima of the
 * {@code validation.*} options in event-job's {@code JobOptions}), an event at the edge is accepted
 * only if its row fits the limit, and the first value beyond the edge is refused. "Before a write" means
 * here: the validator refuses it, so {@link UserEventMapper} never makes a row of it.
 */
class CassandraLimitsTest {

    private static final Instant NOW = Instant.parse("2025-11-25T12:00:00Z");

    /** The maximum of {@code validation.max-metadata-entries} (event-job JobOptions). */
    private static final int WIDEST_MAX_METADATA_ENTRIES = 10_000;

    /** The maxima of every {@code validation.*} size option. */
    private static final ValidationLimits WIDEST = ValidationLimits.builder()
            .maxEventTypeLength(MAX_EVENT_TYPE_LENGTH_LIMIT)
            .maxMetadataEntries(WIDEST_MAX_METADATA_ENTRIES)
            .maxMetadataKeyLength(MAX_METADATA_FIELD_BYTES_LIMIT)
            .maxMetadataValueBytes(MAX_METADATA_FIELD_BYTES_LIMIT)
            .maxRowBytes(MAX_ROW_BYTES_LIMIT)
            .build();

    private static final UserEventValidator VALIDATOR = new UserEventValidator(WIDEST, Clock.fixed(NOW, ZoneOffset.UTC));

    /*
     * Generous upper bounds of what a mutation and a request carry besides the row's values, for
     * the mutation and frame limits. Mutation: partition key (2-byte length + 26 bytes), table id
     * (16), partition and row headers, flags, timestamps, and the clustering prefix' lengths: well
     * under 1 KiB; per cell (one per metadata entry, event_id, and the map's deletion) at most 1 flag
     * byte, 9 (vint timestamp), 18 (vint TTL and local deletion time), 5 (vint path length) and 5
     * (vint value length): under 64. Request (EXECUTE, protocol v5): frame header, statement and
     * result metadata ids, consistency, flags, value count, a 4-byte length per bound value and the
     * TTL and timestamp: under 1 KiB; per map entry two 4-byte lengths.
     */
    private static final long MUTATION_OVERHEAD_BYTES = 1024;
    private static final long MUTATION_OVERHEAD_BYTES_PER_CELL = 64;
    private static final long REQUEST_OVERHEAD_BYTES = 1024;
    private static final long REQUEST_OVERHEAD_BYTES_PER_ENTRY = 8;

    private static UserEvent event(String eventType, Map<String, String> metadata) {
        return UserEvent.builder()
                .userId(UUID.fromString("589e4567-e89b-12d3-a456-426614174000"))
                .eventType(eventType)
                .eventTime(NOW)
                .eventId(UUID.fromString("7d2f1c9e-3b4a-4f6d-9e8c-1a2b3c4d5e6f"))
                .metadata(metadata)
                .build();
    }

    private static UserEvent withType(String eventType) {
        return event(eventType, Map.of());
    }

    /** What the job does before a write: validate, and only if accepted, map to the row. */
    private static Result<UserEventCassandraModel> beforeWrite(UserEvent event) {
        return VALIDATOR.validate(event).map(UserEventMapper::toRow);
    }

    /** Accepted, and its row fits every Cassandra limit (measured independently, with the JDK's encoder). */
    private static UserEventCassandraModel assertAccepted(UserEvent event) {
        Result<UserEventCassandraModel> result = beforeWrite(event);
        assertThat(result.isAccepted()).as("%s", result.isAccepted() ? "" : result.rejection()).isTrue();
        UserEventCassandraModel row = result.value();
        assertThat(utf8(row.eventType())).as("clustering key event_type").isLessThanOrEqualTo(MAX_KEY_COMPONENT_BYTES);
        assertThat(partitionKeyBytes(row)).as("partition key").isBetween(1, MAX_KEY_COMPONENT_BYTES);
        long rowBytes = CassandraLimits.ROW_FIXED_BYTES + utf8(row.eventType());
        for (Map.Entry<String, String> entry : row.metadata().entrySet()) {
            assertThat(utf8(entry.getKey())).as("map key").isLessThanOrEqualTo(DEFAULT_MAX_VALUE_BYTES);
            assertThat(utf8(entry.getValue())).as("map value").isLessThanOrEqualTo(DEFAULT_MAX_VALUE_BYTES);
            rowBytes += utf8(entry.getKey()) + utf8(entry.getValue());
        }
        assertThat(CassandraLimits.rowBytes(row)).isEqualTo(rowBytes);
        assertThat(mutationBytesAtMost(rowBytes, row.metadata().size())).as("mutation")
                .isLessThanOrEqualTo(DEFAULT_MAX_MUTATION_BYTES);
        assertThat(requestBytesAtMost(rowBytes, row.metadata().size())).as("request frame")
                .isLessThanOrEqualTo(DEFAULT_MAX_FRAME_BYTES);
        return row;
    }

    private static void assertRefused(UserEvent event, RejectReason reason, String... messageParts) {
        Result<UserEventCassandraModel> result = beforeWrite(event);
        assertThat(result.isAccepted()).as("no row may be written").isFalse();
        assertThat(result.rejection().reason()).isEqualTo(reason);
        assertThat(result.rejection().message()).contains(messageParts);
    }

    private static long utf8(String text) {
        return text.getBytes(UTF_8).length;
    }

    private static long mutationBytesAtMost(long rowBytes, int entries) {
        return rowBytes + MUTATION_OVERHEAD_BYTES + MUTATION_OVERHEAD_BYTES_PER_CELL * (entries + 2L);
    }

    private static long requestBytesAtMost(long rowBytes, int entries) {
        return rowBytes + REQUEST_OVERHEAD_BYTES + REQUEST_OVERHEAD_BYTES_PER_ENTRY * entries;
    }

    /**
     * The partition key as the server checks it ({@code Validation.validateKey}): for a composite key
     * ({@code CompositeType.build}) each component is a 2-byte length, the value and an end-of-component
     * byte. The values: user_id as 16 bytes, bucket_date as a 4-byte unsigned day number.
     */
    private static int partitionKeyBytes(UserEventCassandraModel row) {
        ByteBuffer userId = ByteBuffer.allocate(16)
                .putLong(row.userId().getMostSignificantBits()).putLong(row.userId().getLeastSignificantBits());
        ByteBuffer bucketDate = ByteBuffer.allocate(4).putInt((int) (row.bucketDate().toEpochDay() + (1L << 31)));
        int bytes = 0;
        for (ByteBuffer component : List.of(userId, bucketDate)) {
            bytes += 2 + component.capacity() + 1;
        }
        return bytes;
    }

    @Test
    void theDocumentedLimitsAreCassandrasDefaults() {
        assertThat(MAX_KEY_COMPONENT_BYTES).isEqualTo(65_535).isEqualTo(0xFFFF); // an unsigned short
        assertThat(DEFAULT_MAX_VALUE_BYTES).isEqualTo(256 * 1024 * 1024); // max_value_size: 256MiB
        assertThat(CassandraLimits.DEFAULT_COMMITLOG_SEGMENT_BYTES).isEqualTo(32 * 1024 * 1024); // commitlog_segment_size
        assertThat(DEFAULT_MAX_MUTATION_BYTES).isEqualTo(16 * 1024 * 1024) // max_mutation_size: half the segment
                .isEqualTo(CassandraLimits.DEFAULT_COMMITLOG_SEGMENT_BYTES / 2);
        assertThat(DEFAULT_MAX_FRAME_BYTES).isEqualTo(16 * 1024 * 1024); // native_transport_max_frame_size
        // The job's bounds derived from them.
        assertThat(MAX_ROW_BYTES_LIMIT).isEqualTo(8 * 1024 * 1024).isEqualTo(DEFAULT_MAX_MUTATION_BYTES / 2);
        assertThat(MAX_EVENT_TYPE_LENGTH_LIMIT).isEqualTo(21_845);
        assertThat((long) MAX_EVENT_TYPE_LENGTH_LIMIT * CassandraLimits.MAX_UTF8_BYTES_PER_CHAR)
                .isLessThanOrEqualTo(MAX_KEY_COMPONENT_BYTES);
        assertThat((long) (MAX_EVENT_TYPE_LENGTH_LIMIT + 1) * CassandraLimits.MAX_UTF8_BYTES_PER_CHAR)
                .isGreaterThan(MAX_KEY_COMPONENT_BYTES);
        assertThat(CassandraLimits.ROW_FIXED_BYTES).isEqualTo(16 + 4 + 8 + 16);
        assertThat(MAX_METADATA_FIELD_BYTES_LIMIT).isEqualTo(MAX_ROW_BYTES_LIMIT - 44 - 1);
        assertThat(WIDEST.maxRowBytes()).isEqualTo(MAX_ROW_BYTES_LIMIT);
    }

    @Test
    void aJavaCharNeedsAtMostThreeUtf8Bytes() {
        for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
            if (!Character.isSurrogate((char) c)) {
                assertThat(String.valueOf((char) c).getBytes(UTF_8).length).isLessThanOrEqualTo(3);
            }
        }
        // A supplementary code point is two chars and four bytes: two per char.
        assertThat("\ud83d\ude00".getBytes(UTF_8)).hasSize(4);
    }

    // 1. A clustering key component is at most 65,535 bytes (ClusteringPrefix: "Key length of %d is longer
    //    than maximum of %d"). The components are event_time (8 bytes), event_type, and in the event-id
    //    layout event_id (16 bytes): only event_type can be long.

    @Test
    void clusteringKeyEventTypeAtTheEdgeIsAcceptedAndBeyondItRefused() {
        String cjk = "\u4e2d"; // 3 bytes

        UserEventCassandraModel row = assertAccepted(withType(cjk.repeat(MAX_EVENT_TYPE_LENGTH_LIMIT)));
        assertThat(utf8(row.eventType())).isEqualTo(65_535);
        assertRefused(withType(cjk.repeat(MAX_EVENT_TYPE_LENGTH_LIMIT) + "x"), RejectReason.EVENT_TYPE_TOO_LONG,
                "event_type", "21846 characters");
        // Four-byte characters never come closer to the limit than three-byte ones: 2 bytes per char.
        String emoji = "\ud83d\ude00";
        assertThat(utf8(assertAccepted(withType(emoji.repeat(10_922) + "x")).eventType())).isEqualTo(43_689);
        assertRefused(withType(emoji.repeat(10_923)), RejectReason.EVENT_TYPE_TOO_LONG, "21846 characters");
        // The issue's payload: 70,000 spaces and a letter, now measured as stored.
        assertRefused(withType(" ".repeat(70_000) + "x"), RejectReason.EVENT_TYPE_TOO_LONG, "70001 characters");
    }

    @Test
    void theIssuesPayloadIsRefusedFromItsBytes() {
        RawEventProcessor job = new RawEventProcessor(UserEventJsonCodec.create(), VALIDATOR);
        byte[] payload = ("{\"user_id\":\"589e4567-e89b-12d3-a456-426614174000\",\"event_type\":\"" + " ".repeat(70_000)
                + "x\",\"event_time\":\"2025-11-25T11:00:00Z\",\"event_id\":\"7d2f1c9e-3b4a-4f6d-9e8c-1a2b3c4d5e6f\"}")
                .getBytes(UTF_8);

        Result<UserEventCassandraModel> result = job.process(payload);

        assertThat(result.isAccepted()).isFalse();
        assertThat(result.rejection().reason()).isEqualTo(RejectReason.EVENT_TYPE_TOO_LONG);
    }

    @Test
    void anyEventTypeOverTheClusteringKeyLimitIsRefusedEvenWithoutACharacterLimit() {
        // Limits wider than the options allow (a ValidationLimits built in code): the byte rule still holds.
        UserEventValidator noCharLimit = new UserEventValidator(
                ValidationLimits.builder().maxEventTypeLength(Integer.MAX_VALUE).build(), Clock.fixed(NOW, ZoneOffset.UTC));
        SplittableRandom random = new SplittableRandom(1);
        String[] pieces = {"a", " ", "\u00e9", "\u4e2d", "\ud83d\ude00"};
        int[] pieceBytes = {1, 1, 2, 3, 4};
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 300; i++) {
            StringBuilder text = new StringBuilder("x");
            int target = 65_535 - 8 + random.nextInt(16);
            for (int bytes = 1; bytes < target; ) {
                int piece = random.nextInt(pieces.length);
                text.append(pieces[piece]);
                bytes += pieceBytes[piece];
            }
            String eventType = text.toString();
            Result<UserEvent> result = noCharLimit.validate(withType(eventType));
            if (utf8(eventType) <= MAX_KEY_COMPONENT_BYTES) {
                assertThat(result.isAccepted()).as("%d bytes", utf8(eventType)).isTrue();
                accepted++;
            } else {
                assertThat(result.rejection().reason()).isEqualTo(RejectReason.EVENT_TYPE_TOO_LONG);
                assertThat(result.rejection().message()).contains(utf8(eventType) + " bytes in UTF-8", "65535");
                refused++;
            }
        }
        assertThat(accepted).isPositive();
        assertThat(refused).isPositive();
        assertThat(noCharLimit.validate(withType("\u4e2d".repeat(21_845))).isAccepted()).isTrue();
        assertThat(noCharLimit.validate(withType("\u4e2d".repeat(21_845) + " ")).rejection().message())
                .contains("event_type is 65536 bytes in UTF-8");
    }

    // 2. A partition key is at most 65,535 bytes and not empty (Validation.validateKey). Ours is
    //    (user_id UUID, bucket_date DATE): fixed size, so every row fits.

    @Test
    void thePartitionKeyIsAlwaysTwentyBytesOfValues() {
        assertThat(CassandraLimits.PARTITION_KEY_BYTES).isEqualTo(16 + 4);
        for (String time : List.of("0001-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "2025-11-25T12:00:00Z",
                "9999-12-31T23:59:59.999Z")) {
            UserEventCassandraModel row = UserEventMapper.toRow(UserEvent.builder().userId(UUID.randomUUID())
                    .eventType("x").eventTime(Instant.parse(time)).eventId(UUID.randomUUID()).build());
            // Serialized as a composite: (2 + 16 + 1) + (2 + 4 + 1).
            assertThat(partitionKeyBytes(row)).isEqualTo(CassandraLimits.PARTITION_KEY_BYTES + 3 * 2).isEqualTo(26)
                    .isPositive().isLessThanOrEqualTo(MAX_KEY_COMPONENT_BYTES);
        }
    }

    // 3. A non-frozen map's keys and values have no 64 KiB limit in 5.0 (cell paths have vint lengths),
    //    but each is one value, at most max_value_size (256 MiB). The widest options keep each within a row
    //    of 8 MiB, so far below it.

    @Test
    void mapKeysAndValuesAtTheEdgeAreAcceptedAndOneByteMoreIsRefused() {
        assertThat(MAX_METADATA_FIELD_BYTES_LIMIT).isLessThan(DEFAULT_MAX_VALUE_BYTES);
        String atEdge = "v".repeat(MAX_METADATA_FIELD_BYTES_LIMIT);

        // 44 fixed + event_type "x" + key "" + 8,388,563 = 8 MiB, the whole row limit.
        assertThat(CassandraLimits.rowBytes(assertAccepted(event("x", Map.of("", atEdge))))).isEqualTo(MAX_ROW_BYTES_LIMIT);
        assertRefused(event("x", Map.of("", atEdge + "v")), RejectReason.METADATA_VALUE_TOO_LONG,
                "8388564 bytes", "8388563");
        assertAccepted(event("x", Map.of(atEdge, "")));
        assertRefused(event("x", Map.of(atEdge + "k", "")), RejectReason.METADATA_KEY_TOO_LONG, "8388564 characters");
        // In three-byte characters the byte limit applies to keys as well as values.
        String cjkAtEdge = "\u4e2d".repeat(MAX_METADATA_FIELD_BYTES_LIMIT / 3) + "kk"; // 8,388,563 bytes
        assertThat(utf8(cjkAtEdge)).isEqualTo(MAX_METADATA_FIELD_BYTES_LIMIT);
        assertAccepted(event("x", Map.of(cjkAtEdge, "")));
        assertRefused(event("x", Map.of(cjkAtEdge + "k", "")), RejectReason.METADATA_KEY_TOO_LONG,
                "8388564 bytes in UTF-8");
        assertAccepted(event("x", Map.of("", cjkAtEdge)));
        assertRefused(event("x", Map.of("", cjkAtEdge + "v")), RejectReason.METADATA_VALUE_TOO_LONG, "8388564 bytes");
    }

    // 4. A mutation is at most max_mutation_size, half of commitlog_segment_size: 16 MiB by default
    //    (MutationExceededMaxSizeException, "Rejected an oversized mutation"); a request frame at most
    //    native_transport_max_frame_size, 16 MiB. A row is at most validation.max-row-bytes, whose maximum
    //    is half of that, leaving room for per-cell overhead even with the most metadata entries.

    @Test
    void theWidestAcceptedRowFitsAMutationAndAFrame() {
        assertThat(mutationBytesAtMost(MAX_ROW_BYTES_LIMIT, WIDEST_MAX_METADATA_ENTRIES))
                .isLessThanOrEqualTo(DEFAULT_MAX_MUTATION_BYTES);
        assertThat(requestBytesAtMost(MAX_ROW_BYTES_LIMIT, WIDEST_MAX_METADATA_ENTRIES))
                .isLessThanOrEqualTo(DEFAULT_MAX_FRAME_BYTES);
    }

    @Test
    void aRowAtTheRowLimitIsAcceptedAndOneByteMoreIsRefused() {
        // Two values, each within its own limit, together exactly 8 MiB of row: 44 + 1 + 1 + a + 1 + b.
        Map<String, String> twoHalves = new LinkedHashMap<>();
        twoHalves.put("a", "x".repeat(4_194_281));
        twoHalves.put("b", "y".repeat(4_194_280));
        assertThat(CassandraLimits.rowBytes(assertAccepted(event("x", twoHalves)))).isEqualTo(MAX_ROW_BYTES_LIMIT);
        twoHalves.put("b", "y".repeat(4_194_281));
        assertRefused(event("x", twoHalves), RejectReason.ROW_TOO_LARGE, "the row is 8388609 bytes", "8388608",
                "validation.max-row-bytes");
        twoHalves.put("b", "y".repeat(4_194_280));
        assertRefused(event("xx", twoHalves), RejectReason.ROW_TOO_LARGE, "the row is 8388609 bytes");
    }

    @Test
    void theMostEntriesAtTheRowLimitAreAcceptedAndOneByteOrOneEntryMoreIsRefused() {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < WIDEST_MAX_METADATA_ENTRIES; i++) {
            many.put(String.format("k%04d", i), "v".repeat(833)); // 5 + 833 = 838 bytes each
        }
        // 44 + "x" + 10,000 x 838 = 8,380,045; the first value takes the remaining 8,563 bytes.
        many.put("k0000", "v".repeat(833 + MAX_ROW_BYTES_LIMIT - 8_380_045));
        UserEventCassandraModel row = assertAccepted(event("x", many));
        assertThat(CassandraLimits.rowBytes(row)).isEqualTo(MAX_ROW_BYTES_LIMIT);
        assertThat(row.metadata()).hasSize(WIDEST_MAX_METADATA_ENTRIES);

        many.put("k0001", many.get("k0001") + "v");
        assertRefused(event("x", many), RejectReason.ROW_TOO_LARGE, "8388609 bytes");
        many.put("k0001", "v".repeat(833));
        many.put("k10000", "");
        assertRefused(event("x", many), RejectReason.TOO_MANY_METADATA_ENTRIES, "10001 entries");
    }

    @Test
    void rowBytesIsTheStoredSize() {
        UserEvent event = event(" click ", Map.of("source", "web", "caf\u00e9", "\u4e2d\ud83d\ude00"));

        // 44 + 7 + (6 + 3) + (5 + 7).
        assertThat(CassandraLimits.rowBytes(event)).isEqualTo(72);
        assertThat(CassandraLimits.rowBytes(UserEventMapper.toRow(event))).isEqualTo(72);
        assertThat(CassandraLimits.rowBytes(withType("x"))).isEqualTo(45);
    }

    @Test
    void utf8LengthIsTheEncodedSizeOfWellFormedTextAndThreeForAnUnpairedSurrogate() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                int codePoint;
                do {
                    codePoint = random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(Character.MAX_CODE_POINT + 1);
                } while (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
                text.appendCodePoint(codePoint);
            }
            assertThat(CassandraLimits.utf8Length(text)).as(text.toString()).isEqualTo(utf8(text.toString()));
        }
        assertThat(CassandraLimits.utf8Length("a\ud800")).isEqualTo(4);
        assertThat(CassandraLimits.utf8Length("\ude00\ud83d")).isEqualTo(6); // a low then a high: no pair
    }
}
