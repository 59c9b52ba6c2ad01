package dev.eventpipeline.connectors.types;

import dev.eventpipeline.model.UserEventCassandraModel;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information for rows in flight, backed by {@link UserEventRowSerializer}. */
public final class UserEventRowTypeInfo extends TypeInformation<UserEventCassandraModel> {

    private static final long serialVersionUID = 1L;

    public static final UserEventRowTypeInfo INSTANCE = new UserEventRowTypeInfo();

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<UserEventCassandraModel> getTypeClass() {
        return UserEventCassandraModel.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<UserEventCassandraModel> createSerializer(SerializerConfig config) {
        return UserEventRowSerializer.INSTANCE;
    }

    @Override
    @Deprecated
    public TypeSerializer<UserEventCassandraModel> createSerializer(ExecutionConfig config) {
        return UserEventRowSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "UserEventRow";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UserEventRowTypeInfo;
    }

    @Override
    public int hashCode() {
        return UserEventRowTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof UserEventRowTypeInfo;
    }
}
