package dev.eventpipeline.connectors.types;

/** Type information for rows in flight, backed by {@link SourcedRowSerializer}. */
public final class SourcedRowTypeInfo extends SingletonSerializerTypeInfo<SourcedRow> {

    private static final long serialVersionUID = 1L;

    public static final SourcedRowTypeInfo INSTANCE = new SourcedRowTypeInfo();

    private SourcedRowTypeInfo() {
        super(SourcedRow.class, SourcedRowSerializer.INSTANCE);
    }
}
