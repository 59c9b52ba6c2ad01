package dev.eventpipeline.connectors.types;

import dev.eventpipeline.model.UserEventCassandraModel;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink serializer for {@link UserEventCassandraModel}: UUIDs as two longs, the date as its epoch
 * day, the time as epoch millis, strings in Flink's own format. Without it the row, an Immutables
 * class with UUID, LocalDate and Map fields, would go through Kryo.
 */
public final class UserEventRowSerializer extends ImmutableValueSerializer<UserEventCassandraModel> {

    private static final long serialVersionUID = 1L;

    public static final UserEventRowSerializer INSTANCE = new UserEventRowSerializer();

    private static final UserEventCassandraModel EMPTY = UserEventCassandraModel.builder()
            .userId(new UUID(0, 0))
            .bucketDate(LocalDate.EPOCH)
            .eventTime(Instant.EPOCH)
            .eventType("")
            .eventId(new UUID(0, 0))
            .build();

    @Override
    public UserEventCassandraModel createInstance() {
        return EMPTY;
    }

    @Override
    public void serialize(UserEventCassandraModel row, DataOutputView target) throws IOException {
        target.writeLong(row.userId().getMostSignificantBits());
        target.writeLong(row.userId().getLeastSignificantBits());
        target.writeLong(row.bucketDate().toEpochDay());
        target.writeLong(row.eventTime().toEpochMilli());
        StringValue.writeString(row.eventType(), target);
        target.writeLong(row.eventId().getMostSignificantBits());
        target.writeLong(row.eventId().getLeastSignificantBits());
        target.writeInt(row.metadata().size());
        for (Map.Entry<String, String> entry : row.metadata().entrySet()) {
            StringValue.writeString(entry.getKey(), target);
            StringValue.writeString(entry.getValue(), target);
        }
    }

    @Override
    public UserEventCassandraModel deserialize(DataInputView source) throws IOException {
        UUID userId = new UUID(source.readLong(), source.readLong());
        LocalDate bucketDate = LocalDate.ofEpochDay(source.readLong());
        Instant eventTime = Instant.ofEpochMilli(source.readLong());
        String eventType = StringValue.readString(source);
        UUID eventId = new UUID(source.readLong(), source.readLong());
        int entries = source.readInt();
        Map<String, String> metadata = new LinkedHashMap<>(entries * 2);
        for (int i = 0; i < entries; i++) {
            metadata.put(StringValue.readString(source), StringValue.readString(source));
        }
        return UserEventCassandraModel.builder()
                .userId(userId)
                .bucketDate(bucketDate)
                .eventTime(eventTime)
                .eventType(eventType)
                .eventId(eventId)
                .metadata(metadata)
                .build();
    }

    @Override
    public TypeSerializerSnapshot<UserEventCassandraModel> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Lets savepoints restore the serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<UserEventCassandraModel> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
