package dev.eventpipeline.connectors.types;

import dev.eventpipeline.model.UserEventCassandraModel;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** Flink serializer for {@link SourcedRow}: the row as {@link UserEventRowSerializer} writes it, then its source. */
public final class SourcedRowSerializer extends ImmutableValueSerializer<SourcedRow> {

    private static final long serialVersionUID = 1L;

    public static final SourcedRowSerializer INSTANCE = new SourcedRowSerializer();

    private static final UserEventRowSerializer ROWS = UserEventRowSerializer.INSTANCE;

    @Override
    public SourcedRow createInstance() {
        return new SourcedRow(ROWS.createInstance(), null, "", 0, 0, 0);
    }

    @Override
    public void serialize(SourcedRow sourced, DataOutputView target) throws IOException {
        ROWS.serialize(sourced.row(), target);
        if (sourced.key() == null) {
            target.writeInt(-1);
        } else {
            target.writeInt(sourced.key().length);
            target.write(sourced.key());
        }
        StringValue.writeString(sourced.topic(), target);
        target.writeInt(sourced.partition());
        target.writeLong(sourced.offset());
        target.writeLong(sourced.timestamp());
    }

    @Override
    public SourcedRow deserialize(DataInputView source) throws IOException {
        UserEventCassandraModel row = ROWS.deserialize(source);
        int keyLength = source.readInt();
        byte[] key = null;
        if (keyLength >= 0) {
            key = new byte[keyLength];
            source.readFully(key);
        }
        return new SourcedRow(row, key, StringValue.readString(source), source.readInt(), source.readLong(),
                source.readLong());
    }

    @Override
    public TypeSerializerSnapshot<SourcedRow> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Lets savepoints restore the serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SourcedRow> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
