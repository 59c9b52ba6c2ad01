package dev.eventpipeline.connectors.types;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Flink serializer for {@link RowBatch}: the timestamp, the row count, then each row as {@link SourcedRowSerializer} writes it. */
public final class RowBatchSerializer extends ImmutableValueSerializer<RowBatch> {

    private static final long serialVersionUID = 1L;

    public static final RowBatchSerializer INSTANCE = new RowBatchSerializer();

    private static final SourcedRowSerializer ROWS = SourcedRowSerializer.INSTANCE;

    @Override
    public RowBatch createInstance() {
        return new RowBatch(0, List.of());
    }

    @Override
    public void serialize(RowBatch batch, DataOutputView target) throws IOException {
        target.writeLong(batch.writeTimestampMicros());
        target.writeInt(batch.rows().size());
        for (SourcedRow row : batch.rows()) {
            ROWS.serialize(row, target);
        }
    }

    @Override
    public RowBatch deserialize(DataInputView source) throws IOException {
        long timestamp = source.readLong();
        int size = source.readInt();
        List<SourcedRow> rows = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            rows.add(ROWS.deserialize(source));
        }
        return new RowBatch(timestamp, rows);
    }

    @Override
    public TypeSerializerSnapshot<RowBatch> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Lets savepoints restore the serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<RowBatch> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
