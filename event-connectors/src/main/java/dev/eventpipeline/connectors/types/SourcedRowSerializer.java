package dev.eventpipeline.connectors.types;

import dev.eventpipeline.connectors.deadletter.ReplayProvenance;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink serializer for {@link SourcedRow}: the row as {@link UserEventRowSerializer} writes it, then its
 * source, then its replay provenance (a presence byte and the four values). Rows are kept in checkpoints
 * (in-flight batches, refused rows waiting), so the form before replay provenance stays readable:
 * {@link Snapshot} is what such savepoints name, and it restores {@link V1}, which Flink then migrates.
 */
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
        write(sourced, target, true);
    }

    @Override
    public SourcedRow deserialize(DataInputView source) throws IOException {
        return read(source, true);
    }

    @Override
    public TypeSerializerSnapshot<SourcedRow> snapshotConfiguration() {
        return new SnapshotV2();
    }

    static void write(SourcedRow sourced, DataOutputView target, boolean withReplay) throws IOException {
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
        if (!withReplay) {
            return;
        }
        ReplayProvenance replay = sourced.replay();
        target.writeBoolean(replay != null);
        if (replay != null) {
            target.writeInt(replay.attempt);
            StringValue.writeString(replay.originTopic, target);
            target.writeInt(replay.originPartition);
            target.writeLong(replay.originOffset);
        }
    }

    static SourcedRow read(DataInputView source, boolean withReplay) throws IOException {
        UserEventCassandraModel row = ROWS.deserialize(source);
        int keyLength = source.readInt();
        byte[] key = null;
        if (keyLength >= 0) {
            key = new byte[keyLength];
            source.readFully(key);
        }
        String topic = StringValue.readString(source);
        int partition = source.readInt();
        long offset = source.readLong();
        long timestamp = source.readLong();
        ReplayProvenance replay = withReplay && source.readBoolean()
                ? new ReplayProvenance(source.readInt(), StringValue.readString(source), source.readInt(), source.readLong())
                : null;
        return new SourcedRow(row, key, topic, partition, offset, timestamp, replay);
    }

    /** The current form's snapshot; a checkpoint of the earlier form ({@link Snapshot}) migrates to it. */
    public static final class SnapshotV2 extends SimpleTypeSerializerSnapshot<SourcedRow> {
        public SnapshotV2() {
            super(() -> INSTANCE);
        }

        @Override
        public TypeSerializerSchemaCompatibility<SourcedRow> resolveSchemaCompatibility(
                TypeSerializerSnapshot<SourcedRow> oldSnapshot) {
            return oldSnapshot instanceof Snapshot
                    ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                    : super.resolveSchemaCompatibility(oldSnapshot);
        }
    }

    /** The snapshot savepoints taken before replay provenance name: restores {@link V1}. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SourcedRow> {
        public Snapshot() {
            super(() -> V1.INSTANCE);
        }
    }

    /** The form without replay provenance, to read (and migrate) rows checkpointed before it existed. */
    static final class V1 extends ImmutableValueSerializer<SourcedRow> {

        private static final long serialVersionUID = 1L;

        static final V1 INSTANCE = new V1();

        @Override
        public SourcedRow createInstance() {
            return SourcedRowSerializer.INSTANCE.createInstance();
        }

        @Override
        public void serialize(SourcedRow sourced, DataOutputView target) throws IOException {
            write(sourced, target, false);
        }

        @Override
        public SourcedRow deserialize(DataInputView source) throws IOException {
            return read(source, false);
        }

        @Override
        public TypeSerializerSnapshot<SourcedRow> snapshotConfiguration() {
            return new Snapshot();
        }
    }
}
