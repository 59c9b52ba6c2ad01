package dev.eventpipeline.connectors.cassandra;

import org.apache.flink.streaming.connectors.cassandra.CassandraSinkBaseConfig;

/** Builds the Cassandra sink for {@code user_events} rows. */
public final class CassandraSinks {

    private CassandraSinks() {}

    public static UserEventCassandraSink userEvents(CassandraSinkSettings settings) {
        CassandraSinkBaseConfig config = CassandraSinkBaseConfig.newBuilder()
                .setMaxConcurrentRequests(settings.maxConcurrentRequests())
                .build();
        return new UserEventCassandraSink(
                UserEventsInsert.cql(settings.keyspace(), settings.table(), settings.ttl()),
                new UserEventsClusterBuilder(settings),
                config,
                new UserEventCassandraSink.FailJobOnWriteError());
    }
}
