package dev.eventpipeline.connectors.types;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information for batches in flight, backed by {@link RowBatchSerializer}. */
public final class RowBatchTypeInfo extends TypeInformation<RowBatch> {

    private static final long serialVersionUID = 1L;

    public static final RowBatchTypeInfo INSTANCE = new RowBatchTypeInfo();

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
    public Class<RowBatch> getTypeClass() {
        return RowBatch.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<RowBatch> createSerializer(SerializerConfig config) {
        return RowBatchSerializer.INSTANCE;
    }

    @Override
    @Deprecated
    public TypeSerializer<RowBatch> createSerializer(ExecutionConfig config) {
        return RowBatchSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "RowBatch";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RowBatchTypeInfo;
    }

    @Override
    public int hashCode() {
        return RowBatchTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof RowBatchTypeInfo;
    }
}
