package dev.eventpipeline.connectors.compat;

import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A {@link Sink} written once for Flink 1.20 and 2: implement {@link #createWriter(WriterInitContext)}.
 * This is the Flink 1.20 copy (src/flink1); the Flink 2 one is in src/flink2.
 */
public abstract class PortableSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    @Override
    public abstract SinkWriter<T> createWriter(WriterInitContext context) throws IOException;

    /**
     * Abstract in Flink 1.20's Sink, removed in Flink 2 (with Sink.InitContext), so sources shared by both
     * lines cannot name it. 1.20's sink operator calls {@link #createWriter(WriterInitContext)} instead
     * (StatelessSinkWriterStateHandler, StatefulSinkWriterStateHandler), so this is never reached.
     */
    @Override
    @Deprecated
    public final SinkWriter<T> createWriter(InitContext context) {
        throw new UnsupportedOperationException("Flink 1.20 creates sink writers with a WriterInitContext");
    }
}
