package dev.eventpipeline.connectors.cassandra;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * Flink 1.20's {@link Sink} still declares the old {@code createWriter(InitContext)} abstract (Flink 2
 * removed it); Flink 1.20 itself calls {@code createWriter(WriterInitContext)}, which the sinks here
 * implement. The Flink 2 line's twin of this class is empty.
 */
abstract class WriterInitContextSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    @Override
    @Deprecated
    public final SinkWriter<T> createWriter(InitContext context) {
        throw new UnsupportedOperationException("Flink calls createWriter(WriterInitContext) since 1.19");
    }
}
