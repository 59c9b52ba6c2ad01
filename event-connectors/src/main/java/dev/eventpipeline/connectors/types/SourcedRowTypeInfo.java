package dev.eventpipeline.connectors.types;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information for rows in flight, backed by {@link SourcedRowSerializer}. */
public final class SourcedRowTypeInfo extends TypeInformation<SourcedRow> {

    private static final long serialVersionUID = 1L;

    public static final SourcedRowTypeInfo INSTANCE = new SourcedRowTypeInfo();

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
    public Class<SourcedRow> getTypeClass() {
        return SourcedRow.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<SourcedRow> createSerializer(SerializerConfig config) {
        return SourcedRowSerializer.INSTANCE;
    }

    @Override
    @Deprecated
    public TypeSerializer<SourcedRow> createSerializer(ExecutionConfig config) {
        return SourcedRowSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "SourcedRow";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SourcedRowTypeInfo;
    }

    @Override
    public int hashCode() {
        return SourcedRowTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof SourcedRowTypeInfo;
    }
}
