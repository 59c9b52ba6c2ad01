package dev.eventpipeline.job;

import dev.eventpipeline.connectors.cassandra.CassandraSinkSettings;
import dev.eventpipeline.connectors.types.SourcedRow;
import java.util.Optional;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The Flink 2 line's twin of {@code cassandra.sink=connector}: flink-connector-cassandra has no Flink 2 sink. */
public final class ConnectorSinks {

    private ConnectorSinks() {}

    public static Optional<String> unavailable() {
        return Optional.of("flink-connector-cassandra is built on SinkFunction, which Flink 2 removed: on Flink 2 "
                + "use cassandra.sink=sink-v2 (the default), or run event-job.jar on Flink 1.20");
    }

    static void addTo(DataStream<SourcedRow> rows, CassandraSinkSettings settings, String name, String uid) {
        throw new IllegalArgumentException("cassandra.sink=connector: " + unavailable().get());
    }
}
