package dev.eventpipeline.job;

import dev.eventpipeline.connectors.cassandra.CassandraSinkSettings;
import dev.eventpipeline.connectors.cassandra.connector.ConnectorRowSink;
import dev.eventpipeline.connectors.types.SourcedRow;
import java.util.Optional;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * {@code cassandra.sink=connector}: flink-connector-cassandra's sink, which Flink 1.20 has (it is built on
 * {@code SinkFunction}). The Flink 2 line's twin refuses it.
 */
public final class ConnectorSinks {

    private ConnectorSinks() {}

    /** Why {@code cassandra.sink=connector} cannot run on this Flink line; empty on 1.20. */
    public static Optional<String> unavailable() {
        return Optional.empty();
    }

    static void addTo(DataStream<SourcedRow> rows, CassandraSinkSettings settings, String name, String uid) {
        rows.addSink(new ConnectorRowSink(settings)).name(name).uid(uid);
    }
}
