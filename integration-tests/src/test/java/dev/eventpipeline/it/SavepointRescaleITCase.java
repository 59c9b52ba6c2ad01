package dev.eventpipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.cassandra.UserEventsTable;
import dev.eventpipeline.infra.flink.FlinkRest;
import dev.eventpipeline.it.support.Await;
import dev.eventpipeline.it.support.Converge;
import dev.eventpipeline.it.support.MiniClusters;
import dev.eventpipeline.it.support.MixedStream;
import dev.eventpipeline.it.support.Outcome;
import dev.eventpipeline.it.support.PipelineRuns;
import dev.eventpipeline.it.support.ScenarioReport;
import dev.eventpipeline.job.testing.KafkaTestClient;
import dev.eventpipeline.job.testing.TestPipelines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 5: the job runs at parallelism 1 over the first part of the stream and is stopped with
 * a savepoint, the rest of the stream is sent, and the job resumes from the savepoint at
 * parallelism 2. The second job reads exactly the records the first did not:
 * what the first wrote when it stopped (rows plus dead letters) and what the second read (its
 * eventsIn metric) add up to the records sent, and no dead letter appears twice.
 */
class SavepointRescaleITCase {

    private static final int EVENTS = 40_000;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.oneTaskManagerWithTwoSlots();

    @RegisterExtension
    final ScenarioReport report = new ScenarioReport("5. Savepoint, resume at parallelism 2");

    @Test
    void resumingFromASavepointAtHigherParallelismNeitherLosesNorRepeats(@InjectMiniCluster MiniCluster miniCluster)
            throws Exception {
        LocalServers servers = LocalServers.shared();
        KafkaTestClient kafka = new KafkaTestClient(servers.bootstrapServers());
        UserEventsTable table = new UserEventsTable(servers.session());
        FlinkRest rest = new FlinkRest(miniCluster.getRestAddress().get());
        String topic = servers.createFreshTopic("rescale", 4);
        String deadLetters = servers.createFreshTopic("rescale-dlq", 1);
        MixedStream stream = MixedStream.of(EVENTS, 10, 200, 505);
        // Only part of the stream exists while the first job runs, so the savepoint is taken mid-stream
        // however fast the job is; the rest arrives while no job runs.
        int stopAt = EVENTS / 4 + new Random().nextInt(EVENTS / 4); // somewhere in 25%..50%
        kafka.send(topic, stream.records.subList(0, stopAt));
        Path savepoints = Files.createDirectories(ScenarioReport.reportDir().resolve("savepoints"));

        JobClient first = PipelineRuns.start(TestPipelines.arguments(servers, topic, deadLetters, "--job.parallelism", "1"));
        String firstId = first.getJobID().toHexString();
        Await.until("the first job to have read " + stopAt + " records", Duration.ofMinutes(3),
                () -> rest.operatorMetricSum(firstId, "eventsIn").orElse(0) >= stopAt);
        String savepoint = first.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                .get(2, TimeUnit.MINUTES);
        assertThat(rest.failureCount(firstId)).as("the first job ran without failures (so it repeated nothing)").isZero();

        // The sinks flush on the savepoint, so everything the first job read is now a row or a dead letter.
        List<ConsumerRecord<byte[], byte[]>> firstLetters = kafka.readAll(deadLetters, Duration.ofMinutes(1));
        int firstRows = table.rowsInPartitionsOf(stream.expectedRows).size();
        long readByFirst = firstRows + firstLetters.size();
        report.step("stopped with a savepoint after " + readByFirst + " records (" + firstRows + " rows, "
                + firstLetters.size() + " dead letters): " + savepoint);
        assertThat(readByFirst).as("the first job wrote everything it read before the savepoint").isEqualTo(stopAt);
        kafka.send(topic, stream.records.subList(stopAt, EVENTS));

        JobClient second = PipelineRuns.startFromSavepoint(
                TestPipelines.arguments(servers, topic, deadLetters, "--job.parallelism", "2"), savepoint);
        String secondId = second.getJobID().toHexString();
        Outcome.Rows rows = Converge.rows(table, stream.expectedRows, Duration.ofMinutes(4));
        Outcome.DeadLetters letters = Converge.deadLetters(kafka, deadLetters, stream.expectedDeadLetters, Duration.ofMinutes(1));
        long expectedBySecond = EVENTS - readByFirst;
        Await.until("the second job's eventsIn to reach " + expectedBySecond, Duration.ofSeconds(30),
                () -> rest.operatorMetricSum(secondId, "eventsIn").orElse(0) >= expectedBySecond);
        long readBySecond = rest.operatorMetricSum(secondId, "eventsIn").orElseThrow();
        JsonNode vertices = rest.get("/jobs/" + secondId).path("vertices");
        int failures = rest.failureCount(secondId);
        report.outcome(EVENTS, rows.lost() + letters.lost(), rows.unexpected() + letters.duplicated()
                        + Math.max(0, readByFirst + readBySecond - EVENTS),
                "read " + readByFirst + " at p=1 + " + readBySecond + " at p=2; " + rows + "; " + letters);
        second.cancel().get(1, TimeUnit.MINUTES);

        assertThat(failures).as("the resumed job ran without failures").isZero();
        vertices.forEach(vertex -> assertThat(vertex.path("parallelism").asInt()).as(vertex.path("name").asText()).isEqualTo(2));
        assertThat(readByFirst + readBySecond).as("records read by both jobs").isEqualTo(EVENTS);
        assertThat(rows.exact()).as(rows.toString()).isTrue();
        assertThat(letters.exact()).as(letters.toString()).isTrue();
    }
}
