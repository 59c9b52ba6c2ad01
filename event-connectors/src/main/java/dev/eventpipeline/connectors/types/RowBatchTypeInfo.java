package dev.eventpipeline.connectors.types;

/** Type information for batches in flight, backed by {@link RowBatchSerializer}. */
public final class RowBatchTypeInfo extends SingletonSerializerTypeInfo<RowBatch> {

    private static final long serialVersionUID = 1L;

    public static final RowBatchTypeInfo INSTANCE = new RowBatchTypeInfo();

    private RowBatchTypeInfo() {
        super(RowBatch.class, RowBatchSerializer.INSTANCE);
    }
}
