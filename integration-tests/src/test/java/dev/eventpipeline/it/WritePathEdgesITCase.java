package dev.eventpipeline.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.eventpipeline.connectors.deadletter.DeadLetterHeaders;
import dev.eventpipeline.infra.LocalCassandra;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.cassandra.UserEventsTable;
import dev.eventpipeline.infra.flink.FlinkRest;
import dev.eventpipeline.it.support.Await;
import dev.eventpipeline.it.support.MiniClusters;
import dev.eventpipeline.it.support.Outcome;
import dev.eventpipeline.it.support.PipelineRuns;
import dev.eventpipeline.it.support.ScenarioReport;
import dev.eventpipeline.job.testing.KafkaTestClient;
import dev.eventpipeline.model.TableLayout;
import dev.eventpipeline.model.UserEvent;
import dev.eventpipeline.model.UserEventCassandraModel;
import dev.eventpipeline.model.json.UserEventJsonCodec;
import dev.eventpipeline.transform.UserEventMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario: the edge between validation and Cassandra. The job writes to a Cassandra whose
 * mutation limit ({@code max_mutation_size} 512 KiB) is below what the job's limits accept, as on
 * a cluster whose limit was lowered after the job started (the start-up check would refuse to
 * start against it; this scenario starts the job without that check). The stream mixes normal
 * events with rows that cluster refuses, a batch it refuses although each of its rows fits, an event_type the
 * seed's rules would have passed (70,000 spaces and a letter, over the 65,535-byte clustering
 * key limit) and distinct events that share the seed's primary key. Nothing may fail the job:
 * every event ends as a row or a dead letter with a reason, and the collision counter counts
 * exactly the collisions sent. The same colliding events in the event-id layout all stay rows.
 */
class WritePathEdgesITCase {

    /** A 600 KB row: over this server's 512 KiB mutation limit, within the job's 1 MiB row limit. */
    private static final int REFUSED_VALUE_CHARS = 600_000;
    /** 100,000 three-byte characters: two such rows are one 600 KB batch, one alone fits. */
    private static final int HALF_BATCH_VALUE_CHARS = 100_000;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.oneTaskManagerWithTwoSlots();

    @RegisterExtension
    final ScenarioReport report = new ScenarioReport("9. Write path: refused rows and collisions");

    private static LocalCassandra tightCassandra;
    private static Path workDir;

    @BeforeAll
    static void startTightCassandra() throws Exception {
        workDir = Files.createDirectories(Path.of("target", "it-servers", "tight-cassandra-" + System.nanoTime()));
        tightCassandra = LocalCassandra.builder().freePorts().workDir(workDir).heap("512m")
                .setting("max_mutation_size", "512KiB")
                .build();
        tightCassandra.start();
        tightCassandra.applySchema(TableLayout.EVENT_ID);
    }

    @AfterAll
    static void stopTightCassandra() {
        if (tightCassandra != null) {
            tightCassandra.stop();
            tightCassandra.deleteData();
        }
    }

    private static final class Stream {
        final List<Map.Entry<byte[], byte[]>> records = new ArrayList<>();
        final Map<String, UserEventCassandraModel> expectedRows = new HashMap<>(); // by primary key of the layout
        final Set<UUID> refusedByCassandra = new HashSet<>();
        final List<UserEvent> allAccepted = new ArrayList<>();
        int collisions;
        int tooLongTypes;
        final TableLayout layout;

        Stream(TableLayout layout) {
            this.layout = layout;
        }

        void send(UserEvent event) {
            records.add(new AbstractMap.SimpleEntry<>(event.userId().toString().getBytes(UTF_8),
                    UserEventJsonCodec.create().encode(event)));
        }

        void row(UserEvent event) {
            send(event);
            allAccepted.add(event);
            UserEventCassandraModel row = UserEventMapper.toRow(event);
            String key = row.userId() + "|" + row.eventTime() + "|" + row.eventType()
                    + (layout == TableLayout.EVENT_ID ? "|" + row.eventId() : "");
            if (expectedRows.put(key, row) != null) {
                collisions++;
            }
        }
    }

    private static UserEvent event(UUID user, Instant time, String type, Map<String, String> metadata) {
        return UserEvent.builder().userId(user).eventType(type).eventTime(time).eventId(UUID.randomUUID())
                .metadata(metadata).build();
    }

    private static Stream stream(TableLayout layout) {
        Stream stream = new Stream(layout);
        Instant base = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            users.add(UUID.randomUUID());
        }
        for (int i = 0; i < 300; i++) {
            stream.row(event(users.get(i % users.size()), base.plusMillis(i * 7L), i % 2 == 0 ? "view" : "click",
                    Map.of("page", "/p/" + i)));
            if (i % 60 == 30) {
                // Four distinct events of a fresh user in one millisecond with one type: three collisions.
                UUID user = UUID.randomUUID();
                Instant same = base.plusMillis(100_000 + i);
                for (int copy = 0; copy < 4; copy++) {
                    stream.row(event(user, same, "purchase", Map.of("order", "o-" + i + "-" + copy)));
                }
            }
            if (layout == TableLayout.SEED && i % 100 == 50) {
                UserEvent tooLarge = event(users.get(0), base.plusMillis(200_000 + i), "upload",
                        Map.of("blob", "x".repeat(REFUSED_VALUE_CHARS)));
                stream.send(tooLarge);
                stream.refusedByCassandra.add(tooLarge.eventId());
                stream.send(event(users.get(1), base.plusMillis(300_000 + i), " ".repeat(70_000) + "x", Map.of()));
                stream.tooLongTypes++;
            }
        }
        if (layout == TableLayout.SEED) {
            UUID user = UUID.randomUUID();
            for (int half = 0; half < 2; half++) {
                stream.row(event(user, base.plusMillis(400_000 + half), "upload",
                        Map.of("blob", "€".repeat(HALF_BATCH_VALUE_CHARS))));
            }
        }
        return stream;
    }

    private static String[] arguments(LocalServers servers, String topic, String deadLetters, TableLayout layout) {
        return new String[] {
            "--kafka.bootstrap-servers", servers.bootstrapServers(),
            "--kafka.topic", topic,
            "--kafka.group-id", "test-" + topic,
            "--kafka.starting-offsets", "earliest",
            "--dlq.topic", deadLetters,
            "--cassandra.contact-points", tightCassandra.contactPoint().getHostString(),
            "--cassandra.port", Integer.toString(tightCassandra.cqlPort()),
            "--cassandra.local-datacenter", tightCassandra.localDatacenter(),
            "--cassandra.table-layout", layout.optionValue(),
            "--validation.max-metadata-value-bytes", "1048576",
            "--job.parallelism", "1",
            // No checkpoint during the run: a barrier between two colliding events would empty the
            // batcher in between, and the counter (which sees only buffered rows) would miss one.
            "--checkpoint.interval", "1 h",
        };
    }

    @Test
    void everyEventBecomesARowOrADeadLetterAndCollisionsAreCounted(@InjectMiniCluster MiniCluster miniCluster)
            throws Exception {
        LocalServers servers = LocalServers.shared();
        Stream stream = stream(TableLayout.SEED);
        Outcome.Rows rows = run(miniCluster, servers, stream, TableLayout.SEED, letters -> {
            Map<String, Integer> byReason = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> letter : letters) {
                byReason.merge(Outcome.header(letter, DeadLetterHeaders.REASON), 1, Integer::sum);
            }
            Set<UUID> writeRejected = new HashSet<>();
            for (ConsumerRecord<byte[], byte[]> letter : letters) {
                if ("WRITE_REJECTED".equals(Outcome.header(letter, DeadLetterHeaders.REASON))) {
                    UserEvent event = UserEventJsonCodec.withMaxPayloadBytes(4 * 1024 * 1024).decode(letter.value()).value();
                    writeRejected.add(event.eventId());
                    // Cassandra's own words: the request over native_transport_max_message_size (which
                    // follows max_mutation_size here) or the mutation over max_mutation_size.
                    assertThat(Outcome.header(letter, DeadLetterHeaders.MESSAGE)).startsWith("Cassandra refused the row: ")
                            .containsAnyOf("exceeds allowed maximum of 524288 bytes", "Rejected an oversized mutation");
                    assertThat(Outcome.header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isNotBlank();
                }
            }
            assertThat(byReason).as("dead letters by reason")
                    .containsEntry("WRITE_REJECTED", stream.refusedByCassandra.size())
                    .containsEntry("EVENT_TYPE_TOO_LONG", stream.tooLongTypes)
                    .hasSize(2);
            assertThat(writeRejected).isEqualTo(stream.refusedByCassandra);
        });
        assertThat(rows.exact()).as(rows.toString()).isTrue();
    }

    @Test
    void theEventIdLayoutKeepsEveryCollidingEvent(@InjectMiniCluster MiniCluster miniCluster) throws Exception {
        LocalServers servers = LocalServers.shared();
        Stream stream = stream(TableLayout.EVENT_ID);
        Outcome.Rows rows = run(miniCluster, servers, stream, TableLayout.EVENT_ID,
                letters -> assertThat(letters).isEmpty());
        assertThat(rows.exact()).as(rows.toString()).isTrue();
        assertThat(rows.found()).isEqualTo(stream.allAccepted.size());
    }

    /**
     * {@code cassandra.sink=connector} (flink-connector-cassandra's sink, Flink 1.20): its failure handler gets
     * no row, so a refused row cannot become a dead letter. The job must then stop, naming the sink that
     * dead-letters, not restart into the same row for ever.
     */
    @Test
    void withTheConnectorsSinkARefusedRowStopsTheJobInsteadOfRetryingForEver(@InjectMiniCluster MiniCluster miniCluster)
            throws Exception {
        LocalServers servers = LocalServers.shared();
        KafkaTestClient kafka = new KafkaTestClient(servers.bootstrapServers());
        FlinkRest rest = new FlinkRest(miniCluster.getRestAddress().get());
        String topic = servers.createFreshTopic("write-path-connector", 1);
        String deadLetters = servers.createFreshTopic("write-path-connector-dlq", 1);
        Stream stream = stream(TableLayout.SEED);
        kafka.send(topic, stream.records);
        List<String> arguments = new ArrayList<>(List.of(arguments(servers, topic, deadLetters, TableLayout.SEED)));
        arguments.addAll(List.of("--cassandra.sink", "connector"));

        JobClient job = PipelineRuns.start(arguments.toArray(String[]::new));
        String jobId = job.getJobID().toHexString();
        // The connector's sink raises a failed write at its next row or checkpoint; once every event is read
        // there is no next row, and the interval here is an hour: a checkpoint now.
        Await.until("every event read, or the job stopped", Duration.ofMinutes(2),
                () -> "FAILED".equals(rest.jobState(jobId))
                        || rest.operatorMetricSum(jobId, "eventsIn").orElse(0) >= stream.records.size());
        if (!"FAILED".equals(rest.jobState(jobId))) {
            rest.triggerCheckpoint(jobId);
        }
        Await.until("the job to stop on the refused row", Duration.ofMinutes(2),
                () -> "FAILED".equals(rest.jobState(jobId)));
        // The whole stack trace: Flink wraps the cause in "The failure is not recoverable".
        String failure = rest.get("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries")
                .path(0).path("stacktrace").asText("");
        int failures = rest.failureCount(jobId);
        String cause = failure.lines().filter(line -> line.contains("FatalWriteException")).findFirst().orElse(failure);
        report.outcome(stream.records.size(), 0, 0, "cassandra.sink=connector: job FAILED after " + failures
                + " failure(s): " + cause.strip());

        assertThat(failures).as("stopped at once, not restarted: " + failure).isEqualTo(1);
        assertThat(failure).contains("FatalWriteException", "cannot become a dead letter", "cassandra.sink=sink-v2");
    }

    interface LetterCheck {
        void check(List<ConsumerRecord<byte[], byte[]>> letters) throws Exception;
    }

    private Outcome.Rows run(MiniCluster miniCluster, LocalServers servers, Stream stream, TableLayout layout,
            LetterCheck letterCheck) throws Exception {
        KafkaTestClient kafka = new KafkaTestClient(servers.bootstrapServers());
        FlinkRest rest = new FlinkRest(miniCluster.getRestAddress().get());
        String topic = servers.createFreshTopic("write-path", 1);
        String deadLetters = servers.createFreshTopic("write-path-dlq", 1);
        kafka.send(topic, stream.records);
        int expectedLetters = stream.records.size() - stream.allAccepted.size();
        report.step("sent " + stream.records.size() + " events (" + layout.optionValue() + " layout): "
                + stream.collisions + " collisions, " + stream.refusedByCassandra.size() + " rows over the server's "
                + "mutation limit, " + stream.tooLongTypes + " event_types over 65,535 bytes");

        JobClient job = PipelineRuns.start(arguments(servers, topic, deadLetters, layout));
        String jobId = job.getJobID().toHexString();
        int expectedRows = stream.expectedRows.size();
        try (CqlSession session = tightCassandra.openSession()) {
            UserEventsTable table = new UserEventsTable(session, layout.defaultTable());
            Await.until("every row", Duration.ofMinutes(3),
                    () -> rest.failureCount(jobId) > 0
                            || (table.rowsInPartitionsOf(stream.expectedRows.values()).size() >= expectedRows
                                    && rest.operatorMetricSum(jobId, "eventsIn").orElse(0) >= stream.records.size()));
            // Refused rows' dead letters leave the Cassandra sink with the checkpoint after them (the
            // interval here is an hour, see arguments()): one now.
            String checkpoint = rest.triggerCheckpoint(jobId);
            Await.until("a checkpoint after every event", Duration.ofMinutes(1),
                    () -> rest.failureCount(jobId) > 0 || rest.checkpointCompleted(jobId, checkpoint));
            Await.until("every dead letter", Duration.ofMinutes(1),
                    () -> rest.failureCount(jobId) > 0
                            || kafka.readAll(deadLetters, Duration.ofSeconds(30)).size() >= expectedLetters);
            Await.until("the collision metric", Duration.ofSeconds(30),
                    () -> rest.operatorMetricSum(jobId, "rowCollisions").isPresent());
            List<UserEventCassandraModel> found = table.rowsInPartitionsOf(stream.expectedRows.values());
            List<ConsumerRecord<byte[], byte[]>> letters = kafka.readAll(deadLetters, Duration.ofMinutes(1));
            int failures = rest.failureCount(jobId);
            long collisions = rest.operatorMetricSum(jobId, "rowCollisions").orElseThrow();
            long rejected = rest.operatorMetricSum(jobId, "eventsRejected").orElseThrow();
            long written = rest.operatorMetricSum(jobId, "rowsWritten").orElseThrow();
            Outcome.Rows rows = Outcome.rows(stream.expectedRows.values(), found);
            report.outcome(stream.records.size(), rows.lost() + Math.max(0, expectedLetters - letters.size()),
                    Math.max(0, letters.size() - expectedLetters), failures + " failure(s); " + rows + "; "
                            + letters.size() + " dead letters; rowCollisions " + collisions + " (sent "
                            + (layout == TableLayout.SEED ? stream.collisions : 0) + "); rowsWritten " + written);
            job.cancel().get(1, TimeUnit.MINUTES);

            assertThat(failures).as("job failures: " + rest.lastFailure(jobId)).isZero();
            assertThat(letters).hasSize(expectedLetters);
            assertThat(rejected).isEqualTo(expectedLetters);
            assertThat(collisions).isEqualTo(layout == TableLayout.SEED ? stream.collisions : 0);
            letterCheck.check(letters);
            return rows;
        }
    }
}
