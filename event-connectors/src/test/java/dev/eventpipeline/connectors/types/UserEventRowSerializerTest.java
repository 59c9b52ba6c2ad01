package dev.eventpipeline.connectors.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.model.UserEventCassandraModel;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class UserEventRowSerializerTest {

    private final UserEventRowSerializer serializer = UserEventRowSerializer.INSTANCE;

    private static UserEventCassandraModel row(Map<String, String> metadata, String eventType) {
        return UserEventCassandraModel.builder()
                .userId(UUID.randomUUID())
                .bucketDate(LocalDate.of(2025, 11, 25))
                .eventTime(Instant.parse("2025-11-25T23:59:59.999Z"))
                .eventType(eventType)
                .eventId(UUID.randomUUID())
                .metadata(metadata)
                .build();
    }

    private UserEventCassandraModel roundTrip(UserEventCassandraModel row) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(row, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void roundTripsEveryFieldKeepingMetadataOrder() throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("z", "last-inserted-first");
        metadata.put("a", "\u00e9\u4e2d\ud83d\ude00 and a long value ".repeat(200));
        metadata.put("empty", "");
        UserEventCassandraModel row = row(metadata, "purchase");

        UserEventCassandraModel copy = roundTrip(row);

        assertThat(copy).isEqualTo(row);
        assertThat(copy.metadata().keySet()).containsExactly("z", "a", "empty");
    }

    @Test
    void roundTripsEmptyMetadataAndExtremeValues() throws IOException {
        UserEventCassandraModel row = UserEventCassandraModel.builder()
                .userId(new UUID(Long.MIN_VALUE, Long.MAX_VALUE))
                .bucketDate(LocalDate.of(1, 1, 1))
                .eventTime(Instant.parse("0001-01-01T00:00:00Z"))
                .eventType("")
                .eventId(new UUID(-1, -1))
                .build();

        assertThat(roundTrip(row)).isEqualTo(row);
    }

    @Test
    void copyBetweenViewsPreservesTheBytes() throws IOException {
        UserEventCassandraModel row = row(Map.of("k", "v"), "view");
        DataOutputSerializer original = new DataOutputSerializer(64);
        serializer.serialize(row, original);
        DataOutputSerializer copied = new DataOutputSerializer(64);

        serializer.copy(new DataInputDeserializer(original.getCopyOfBuffer()), copied);

        assertThat(copied.getCopyOfBuffer()).isEqualTo(original.getCopyOfBuffer());
    }

    @Test
    void snapshotRestoresACompatibleSerializer() {
        TypeSerializerSnapshot<UserEventCassandraModel> snapshot = serializer.snapshotConfiguration();
        TypeSerializer<UserEventCassandraModel> restored = snapshot.restoreSerializer();

        assertThat(restored).isSameAs(UserEventRowSerializer.INSTANCE);
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(snapshot).isCompatibleAsIs())
                .isTrue();
    }

    @Test
    void typeInfoUsesTheSerializerNotKryo() {
        // The SerializerConfig overload: the one Flink 1.20 and 2 both call.
        assertThat(SourcedRowTypeInfo.INSTANCE.createSerializer(
                        new org.apache.flink.api.common.ExecutionConfig().getSerializerConfig()))
                .isSameAs(SourcedRowSerializer.INSTANCE);
        assertThat(SourcedRowTypeInfo.INSTANCE.getTypeClass()).isEqualTo(SourcedRow.class);
    }

    @Test
    void aSourcedRowKeepsItsRowKeyAndCoordinates() throws IOException {
        UserEventCassandraModel row = row(Map.of("k", "v"), "click");
        for (byte[] key : new byte[][] {null, new byte[0], "user-1".getBytes(java.nio.charset.StandardCharsets.UTF_8)}) {
            SourcedRow sourced = new SourcedRow(row, key, "user-events", 2, 12_345L, 1_764_065_730_123L);
            DataOutputSerializer out = new DataOutputSerializer(64);
            SourcedRowSerializer.INSTANCE.serialize(sourced, out);

            SourcedRow back = SourcedRowSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

            assertThat(back.row()).isEqualTo(row);
            assertThat(back.key()).isEqualTo(key);
            assertThat(back).extracting(SourcedRow::topic, SourcedRow::partition, SourcedRow::offset, SourcedRow::timestamp)
                    .containsExactly("user-events", 2, 12_345L, 1_764_065_730_123L);
        }
    }

    @Test
    void aSourcedRowKeepsItsReplayProvenance() throws IOException {
        SourcedRow sourced = new SourcedRow(row(Map.of(), "click"), null, "user-events", 1, 9L, 3L,
                new dev.eventpipeline.connectors.deadletter.ReplayProvenance(3, "user-events", 0, 41L));
        DataOutputSerializer out = new DataOutputSerializer(64);
        SourcedRowSerializer.INSTANCE.serialize(sourced, out);

        SourcedRow back = SourcedRowSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(back.replay()).isEqualTo(sourced.replay());
    }

    /** Savepoints taken before rows carried replay provenance name the old snapshots, and migrate. */
    @Test
    void rowsCheckpointedWithoutReplayProvenanceAreReadAndMigrated() throws IOException {
        SourcedRow sourced = new SourcedRow(row(Map.of("k", "v"), "click"), new byte[] {1}, "user-events", 2, 5L, 6L);
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializer<SourcedRow> old = new SourcedRowSerializer.Snapshot().restoreSerializer();
        old.serialize(sourced, out);
        int v1Bytes = out.length();
        DataOutputSerializer current = new DataOutputSerializer(64);
        SourcedRowSerializer.INSTANCE.serialize(sourced, current);

        SourcedRow back = old.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(current.length()).as("the current form is longer by a presence byte").isEqualTo(v1Bytes + 1);
        assertThat(back.row()).isEqualTo(sourced.row());
        assertThat(back.offset()).isEqualTo(5L);
        assertThat(back.replay()).isNull();
        assertThat(SourcedRowSerializer.INSTANCE.snapshotConfiguration()
                .resolveSchemaCompatibility(new SourcedRowSerializer.Snapshot()).isCompatibleAfterMigration()).isTrue();
        assertThat(SourcedRowSerializer.INSTANCE.snapshotConfiguration()
                .resolveSchemaCompatibility(SourcedRowSerializer.INSTANCE.snapshotConfiguration()).isCompatibleAsIs())
                .isTrue();
    }
}
