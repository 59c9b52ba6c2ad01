package dev.eventpipeline.infra.bench.baseline;

import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.LocalDate;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.UUID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.connectors.cassandra.CassandraSink;
import org.apache.flink.streaming.connectors.cassandra.ClusterBuilder;
import org.apache.flink.util.Collector;

/**
 * The baseline (b): the job as the seed built it, on today's Flink. Parallelism 1, no
 * checkpointing, a 2-minute bounded-out-of-orderness watermark, Jackson decoding that prints bad
 * records and drops them, a {@code map} to a driver-3-annotated POJO and the connector's POJO sink
 * ({@code CassandraSink.addSink(stream).setHost(host).build()} in the seed, built here with {@code
 * CassandraPojoSinkBuilder} to avoid the Scala compile dependency). Only two settings differ from
 * the seed, both needed to run at all: the in-flight bound (the connector's default is unbounded
 * and the job dies with BusyPoolException) and {@code withoutJMXReporting} (metrics-core 4 on the
 * classpath); the port is a free one instead of 9042.
 *
 * <p>Arguments: {@code <bootstrap> <topic> <cassandra-host> <cassandra-port> <bounded> <max-in-flight>}.
 */
public final class SeedLikeJob {

    private SeedLikeJob() {}

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        String host = args[2];
        int port = Integer.parseInt(args[3]);
        boolean bounded = Boolean.parseBoolean(args[4]);
        int maxInFlight = Integer.parseInt(args[5]);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);

        KafkaSourceBuilder<String> source = KafkaSource.<String>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId("seed-like-" + System.nanoTime())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setValueOnlyDeserializer(new SimpleStringSchema());
        if (bounded) {
            source.setBounded(OffsetsInitializer.latest());
        }
        DataStream<SeedRow> rows = env
                .fromSource(source.build(),
                        WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMinutes(2)), "Kafka Source")
                .flatMap(new ParseJson())
                .map(new ToRow());

        new CassandraSink.CassandraPojoSinkBuilder<>(rows, rows.getType(),
                        rows.getType().createSerializer(env.getConfig().getSerializerConfig()))
                .setClusterBuilder(new HostClusterBuilder(host, port))
                .setMaxConcurrentRequests(maxInFlight)
                .build();

        env.execute("seed-like baseline");
    }

    /** Jackson into a bean; a bad record is printed and dropped, as in the seed. */
    static final class ParseJson implements FlatMapFunction<String, SeedEvent> {
        private static final long serialVersionUID = 1L;
        private static final ObjectMapper MAPPER = new ObjectMapper();

        @Override
        public void flatMap(String json, Collector<SeedEvent> out) {
            try {
                out.collect(MAPPER.readValue(json, SeedEvent.class));
            } catch (Exception e) {
                System.err.println("Failed to parse: " + json + " " + e.getMessage());
            }
        }
    }

    static final class ToRow implements MapFunction<SeedEvent, SeedRow> {
        private static final long serialVersionUID = 1L;

        @Override
        public SeedRow map(SeedEvent event) {
            Instant time = Instant.parse(event.eventTime);
            SeedRow row = new SeedRow();
            row.setUserId(UUID.fromString(event.userId));
            row.setBucketDate(LocalDate.fromDaysSinceEpoch(
                    (int) time.atZone(ZoneOffset.UTC).toLocalDate().toEpochDay()));
            row.setEventTime(Date.from(time));
            row.setEventType(event.eventType);
            row.setEventId(UUID.fromString(event.eventId));
            row.setMetadata(event.metadata == null ? new HashMap<>() : event.metadata);
            return row;
        }
    }

    /** {@code setHost(host)} of the seed, with the benchmark's port. */
    static final class HostClusterBuilder extends ClusterBuilder {
        private static final long serialVersionUID = 1L;
        private final String host;
        private final int port;

        HostClusterBuilder(String host, int port) {
            this.host = host;
            this.port = port;
        }

        @Override
        protected Cluster buildCluster(Cluster.Builder builder) {
            return builder.addContactPoint(host).withPort(port).withoutJMXReporting().build();
        }
    }
}
