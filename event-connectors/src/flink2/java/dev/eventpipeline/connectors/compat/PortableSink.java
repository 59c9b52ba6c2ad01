package dev.eventpipeline.connectors.compat;

import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A {@link Sink} written once for Flink 1.20 and 2: implement {@link #createWriter(WriterInitContext)}.
 * This is the Flink 2 copy (src/flink2), where that is Sink's only factory method; the Flink 1.20 one in
 * src/flink1 also fills in 1.20's abstract createWriter(Sink.InitContext), which Flink 2 removed.
 */
public abstract class PortableSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    @Override
    public abstract SinkWriter<T> createWriter(WriterInitContext context) throws IOException;
}
