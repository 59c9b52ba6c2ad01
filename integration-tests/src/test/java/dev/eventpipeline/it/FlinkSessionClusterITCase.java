package dev.eventpipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.cassandra.UserEventsTable;
import dev.eventpipeline.infra.flink.FlinkRest;
import dev.eventpipeline.it.support.Await;
import dev.eventpipeline.it.support.Converge;
import dev.eventpipeline.it.support.FlinkCli;
import dev.eventpipeline.it.support.FlinkSessionCluster;
import dev.eventpipeline.it.support.MixedStream;
import dev.eventpipeline.it.support.Outcome;
import dev.eventpipeline.it.support.ScenarioReport;
import dev.eventpipeline.job.testing.KafkaTestClient;
import dev.eventpipeline.job.testing.TestPipelines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 6: the shaded event-job JAR, submitted with Flink's own CLI front end ({@code flink
 * run -d}) to a real session cluster whose JobManager and TaskManager are separate JVMs. The job
 * must reach RUNNING with all its tasks, write every event, and cancel cleanly; the cluster is
 * stopped afterwards and leaves no process behind.
 */
class FlinkSessionClusterITCase {

    private static final int EVENTS = 5_000;

    @RegisterExtension
    final ScenarioReport report = new ScenarioReport("6. Real Flink session cluster (flink run)");

    @Test
    void theShadedJarRunsOnASessionClusterAndWritesEveryEvent() throws Exception {
        Path jar = FlinkCli.jobJar();
        LocalServers servers = LocalServers.shared();
        KafkaTestClient kafka = new KafkaTestClient(servers.bootstrapServers());
        String topic = servers.createFreshTopic("cluster", 2);
        String deadLetters = servers.createFreshTopic("cluster-dlq", 1);
        MixedStream stream = MixedStream.of(EVENTS, 2, 50, 606);
        kafka.send(topic, stream.records);

        Path home = Files.createDirectories(ScenarioReport.reportDir().resolve("flink-session-cluster-" + System.currentTimeMillis()));
        report.keepOnFailure(home.resolve("log"));
        FlinkSessionCluster cluster = FlinkSessionCluster.start(home, Duration.ofMinutes(2));
        try {
            FlinkRest rest = cluster.rest();
            report.step("session cluster up at " + rest.base() + " (" + home + ")");
            // Without checkpoint.interval: the cluster's execution.checkpointing.interval (2 s) must reach the job.
            List<String> arguments = withoutOption(TestPipelines.arguments(servers, topic, deadLetters,
                    "--job.parallelism", "2", "--job.name", "event-pipeline-on-session-cluster"), "--checkpoint.interval");
            String jobId = cluster.runDetached(jar, arguments, Duration.ofMinutes(2));
            report.step("flink run submitted job " + jobId);

            Await.until("the job and all its tasks RUNNING", Duration.ofMinutes(2), () -> rest.allTasksRunning(jobId));
            JsonNode job = rest.get("/jobs/" + jobId);
            long checkpointInterval = rest.get("/jobs/" + jobId + "/checkpoints/config").path("interval").asLong();
            report.step("checkpoint interval " + checkpointInterval + " ms (the cluster's config.yaml says 2 s)");
            Outcome.Rows rows = Converge.rows(new UserEventsTable(servers.session()), stream.expectedRows, Duration.ofMinutes(3));
            Outcome.DeadLetters letters = Converge.deadLetters(kafka, deadLetters, stream.expectedDeadLetters, Duration.ofMinutes(1));
            int failures = rest.failureCount(jobId);
            String stateBeforeCancel = rest.jobState(jobId);
            rest.cancel(jobId);
            Await.until("the job CANCELED", Duration.ofMinutes(1), () -> "CANCELED".equals(rest.jobState(jobId)));
            report.outcome(EVENTS, rows.lost() + letters.lost(), rows.unexpected() + letters.duplicated(),
                    "job " + job.path("name").asText() + " " + stateBeforeCancel + " then CANCELED, " + failures
                            + " failure(s); " + rows + "; " + letters);

            assertThat(job.path("name").asText()).isEqualTo("event-pipeline-on-session-cluster");
            assertThat(checkpointInterval).as("the cluster's execution.checkpointing.interval").isEqualTo(2_000);
            assertThat(stateBeforeCancel).isEqualTo("RUNNING");
            assertThat(failures).as("failures: " + rest.lastFailure(jobId)).isZero();
            assertThat(rows.exact()).as(rows.toString()).isTrue();
            assertThat(letters.exact()).as(letters.toString()).isTrue();
        } finally {
            cluster.close();
        }
        assertThat(cluster.anyAlive()).as("a Flink JVM outlived stop()").isFalse();
    }

    /** {@code arguments} without {@code --key value}. */
    private static List<String> withoutOption(String[] arguments, String key) {
        List<String> kept = new ArrayList<>(Arrays.asList(arguments));
        int at = kept.indexOf(key);
        if (at >= 0) {
            kept.subList(at, at + 2).clear();
        }
        return kept;
    }
}
