package dev.eventpipeline.infra.bench.e2e;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import dev.eventpipeline.infra.LocalCassandra;
import dev.eventpipeline.infra.LocalKafka;
import dev.eventpipeline.infra.cassandra.UserEventsTable;
import dev.eventpipeline.infra.kafka.TopicSpec;
import java.nio.file.Path;
import java.util.Map;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The run's Kafka and Cassandra, started on free ports under the work directory with the pipeline's
 * topics and schema, and a driver 4 session on Cassandra. Closing stops both and deletes their data
 * (~0.5 GB a run); their logs stay. A shutdown hook closes them too if the run is interrupted.
 */
final class BenchServers implements AutoCloseable {

    private final Path workDir;
    private final StepLog log;
    private LocalKafka kafka;
    private LocalCassandra cassandra;
    private CqlSession session;
    private UserEventsTable table;

    private final Map<String, String> cassandraSettings;

    BenchServers(Path workDir, Map<String, String> cassandraSettings, StepLog log) {
        this.workDir = workDir;
        this.cassandraSettings = cassandraSettings;
        this.log = log;
    }

    void start() throws Exception {
        kafka = LocalKafka.builder().workDir(workDir.resolve("kafka")).freePorts().build();
        LocalCassandra.Builder node = LocalCassandra.builder().workDir(workDir.resolve("cassandra")).freePorts().heap("1g");
        cassandraSettings.forEach(node::setting);
        cassandra = node.build();
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "bench-servers-stop"));
        log.step("starting Kafka and Cassandra on free ports under " + workDir);
        CompletableFuture<Void> k = CompletableFuture.runAsync(kafka::start);
        CompletableFuture<Void> c = CompletableFuture.runAsync(cassandra::start);
        k.get();
        c.get();
        kafka.createPipelineTopics();
        cassandra.applySchema();
        // Generous timeouts: on a shared 2-core machine a loaded node can take seconds per request.
        session = CqlSession.builder()
                .addContactPoint(cassandra.contactPoint())
                .withLocalDatacenter(cassandra.localDatacenter())
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
                        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                        .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(30))
                        .build())
                .build();
        table = new UserEventsTable(session);
        log.step("servers up: Kafka " + kafka.bootstrapServers() + ", Cassandra 127.0.0.1:" + cassandra.cqlPort());
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    void createTopic(String topic, int partitions) {
        kafka.createTopics(List.of(new TopicSpec(topic, partitions, (short) 1)));
    }

    int cqlPort() {
        return cassandra.cqlPort();
    }

    long cassandraPid() {
        return cassandra.pid().orElseThrow();
    }

    CqlSession session() {
        return session;
    }

    UserEventsTable table() {
        return table;
    }

    /**
     * Empties the table, then waits until Cassandra is idle (under a fifth of a core for a second),
     * so that no run pays for the flushes and compactions its predecessor left behind: without this
     * the first run after the warm-up was up to 1.7× slower than the same run repeated.
     */
    void truncateAndSettle() throws InterruptedException {
        table.truncate();
        long pid = cassandraPid();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long before = CpuSampler.cpuMillis(pid);
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            long now = CpuSampler.cpuMillis(pid);
            if (now - before < 200) {
                return;
            }
            before = now;
        }
        log.step("Cassandra still busy after 60 s; measuring anyway");
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.close();
            session = null;
        }
        if (kafka != null) {
            kafka.stop();
            kafka.deleteData();
            kafka = null;
        }
        if (cassandra != null) {
            cassandra.stop();
            cassandra.deleteData();
            cassandra = null;
        }
    }
}
