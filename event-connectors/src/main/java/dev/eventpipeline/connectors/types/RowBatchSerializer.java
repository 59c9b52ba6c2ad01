package dev.eventpipeline.connectors.types;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer for {@link RowBatch}: the timestamp, the row count, then each row as {@link SourcedRowSerializer}
 * writes it. Batches checkpointed before rows carried replay provenance restore through {@link Snapshot} and
 * {@link V1}, as {@link SourcedRowSerializer} explains.
 */
public final class RowBatchSerializer extends ImmutableValueSerializer<RowBatch> {

    private static final long serialVersionUID = 1L;

    public static final RowBatchSerializer INSTANCE = new RowBatchSerializer();

    @Override
    public RowBatch createInstance() {
        return new RowBatch(0, List.of());
    }

    @Override
    public void serialize(RowBatch batch, DataOutputView target) throws IOException {
        write(batch, target, true);
    }

    @Override
    public RowBatch deserialize(DataInputView source) throws IOException {
        return read(source, true);
    }

    @Override
    public TypeSerializerSnapshot<RowBatch> snapshotConfiguration() {
        return new SnapshotV2();
    }

    private static void write(RowBatch batch, DataOutputView target, boolean withReplay) throws IOException {
        target.writeLong(batch.writeTimestampMicros());
        target.writeInt(batch.rows().size());
        for (SourcedRow row : batch.rows()) {
            SourcedRowSerializer.write(row, target, withReplay);
        }
    }

    private static RowBatch read(DataInputView source, boolean withReplay) throws IOException {
        long timestamp = source.readLong();
        int size = source.readInt();
        List<SourcedRow> rows = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            rows.add(SourcedRowSerializer.read(source, withReplay));
        }
        return new RowBatch(timestamp, rows);
    }

    /** The current form's snapshot; a checkpoint of the earlier form ({@link Snapshot}) migrates to it. */
    public static final class SnapshotV2 extends SimpleTypeSerializerSnapshot<RowBatch> {
        public SnapshotV2() {
            super(() -> INSTANCE);
        }

        @Override
        public TypeSerializerSchemaCompatibility<RowBatch> resolveSchemaCompatibility(
                TypeSerializerSnapshot<RowBatch> oldSnapshot) {
            return oldSnapshot instanceof Snapshot
                    ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                    : super.resolveSchemaCompatibility(oldSnapshot);
        }
    }

    /** The snapshot savepoints taken before replay provenance name: restores {@link V1}. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<RowBatch> {
        public Snapshot() {
            super(() -> V1.INSTANCE);
        }
    }

    /** Batches without replay provenance, to read (and migrate) what was checkpointed before it existed. */
    static final class V1 extends ImmutableValueSerializer<RowBatch> {

        private static final long serialVersionUID = 1L;

        static final V1 INSTANCE = new V1();

        @Override
        public RowBatch createInstance() {
            return RowBatchSerializer.INSTANCE.createInstance();
        }

        @Override
        public void serialize(RowBatch batch, DataOutputView target) throws IOException {
            write(batch, target, false);
        }

        @Override
        public RowBatch deserialize(DataInputView source) throws IOException {
            return read(source, false);
        }

        @Override
        public TypeSerializerSnapshot<RowBatch> snapshotConfiguration() {
            return new Snapshot();
        }
    }
}
