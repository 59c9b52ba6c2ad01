package dev.eventpipeline.connectors.cassandra;

import org.apache.flink.api.connector.sink2.Sink;

/** Flink 2 sinks implement only {@code createWriter(WriterInitContext)}; see the Flink 1.20 line's twin. */
abstract class WriterInitContextSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;
}
