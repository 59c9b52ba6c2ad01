package dev.eventpipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.infra.LocalCassandra;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.cassandra.UserEventsTable;
import dev.eventpipeline.infra.flink.FlinkRest;
import dev.eventpipeline.it.support.Await;
import dev.eventpipeline.it.support.Converge;
import dev.eventpipeline.it.support.MiniClusters;
import dev.eventpipeline.it.support.MixedStream;
import dev.eventpipeline.it.support.Outcome;
import dev.eventpipeline.it.support.PacedProducer;
import dev.eventpipeline.it.support.PipelineRuns;
import dev.eventpipeline.it.support.ScenarioReport;
import dev.eventpipeline.it.support.ServerOutages;
import dev.eventpipeline.job.testing.KafkaTestClient;
import dev.eventpipeline.job.testing.TestPipelines;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 3: Cassandra is stopped for 30 s while events flow into a running (unbounded) job,
 * then started again. Writes fail, the failure fails the job, the exponential-delay strategy
 * restarts it from the last checkpoint until Cassandra answers again, and nothing is lost.
 */
class CassandraOutageITCase {

    private static final int EVENTS = 15_000;
    private static final int PER_SECOND = 250; // about 60 s of traffic around a 30 s outage
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.oneTaskManagerWithTwoSlots();

    @RegisterExtension
    final ScenarioReport report = new ScenarioReport("3. Cassandra outage (30 s)");

    @Test
    void theJobRidesOutA30SecondCassandraOutageAndLosesNothing(@InjectMiniCluster MiniCluster miniCluster)
            throws Exception {
        LocalServers servers = LocalServers.shared();
        LocalCassandra cassandra = servers.cassandra();
        KafkaTestClient kafka = new KafkaTestClient(servers.bootstrapServers());
        FlinkRest rest = new FlinkRest(miniCluster.getRestAddress().get());
        String topic = servers.createFreshTopic("outage", 2);
        String deadLetters = servers.createFreshTopic("outage-dlq", 1);
        MixedStream stream = MixedStream.of(EVENTS, 5, 100, 303);

        JobClient job = PipelineRuns.start(TestPipelines.arguments(servers, topic, deadLetters,
                "--job.parallelism", "2", "--restart.initial-backoff", "1 s", "--restart.max-backoff", "5 s"));
        String jobId = job.getJobID().toHexString();
        try (PacedProducer producer = new PacedProducer(servers.bootstrapServers(), topic, stream.records, PER_SECOND)) {
            Await.until("the job running", Duration.ofMinutes(2), () -> rest.allTasksRunning(jobId));
            producer.start();
            Await.until("rows flowing", Duration.ofMinutes(2),
                    () -> rest.operatorMetricSum(jobId, "eventsValid").orElse(0) >= PER_SECOND * 5L);

            try {
                cassandra.stop();
                long stoppedAt = System.nanoTime();
                report.step("Cassandra stopped after " + producer.sent() + " records were sent");
                Await.until("the outage to last " + OUTAGE.toSeconds() + " s with the job failing on it",
                        OUTAGE.plusMinutes(1), () -> System.nanoTime() - stoppedAt >= OUTAGE.toNanos()
                                && rest.failureCount(jobId) >= 1);
                report.step("starting Cassandra again; the job failed " + rest.failureCount(jobId)
                        + " time(s) meanwhile: " + rest.lastFailure(jobId));
            } finally {
                ServerOutages.ensureCassandraUsable(servers);
            }
            report.step("Cassandra is back");
            producer.awaitAllAcknowledged(Duration.ofMinutes(3));
        }

        Outcome.Rows rows = Converge.rows(new UserEventsTable(servers.session()), stream.expectedRows, Duration.ofMinutes(4));
        Outcome.DeadLetters letters = Converge.deadLetters(kafka, deadLetters, stream.expectedDeadLetters, Duration.ofMinutes(1));
        int failures = rest.failureCount(jobId);
        String state = rest.jobState(jobId);
        report.outcome(EVENTS, rows.lost() + letters.lost(), rows.unexpected(),
                failures + " failure(s) recovered by restarts, job " + state + "; " + rows + "; " + letters + " (at-least-once)");
        job.cancel().get(1, TimeUnit.MINUTES);

        assertThat(state).as("the job recovered by itself").isEqualTo("RUNNING");
        assertThat(failures).as("the outage failed the job at least once").isGreaterThanOrEqualTo(1);
        assertThat(rows.exact()).as(rows.toString()).isTrue();
        assertThat(letters.complete()).as(letters.toString()).isTrue();
    }

    static long awaitMetric(FlinkRest rest, String jobId, String name) {
        Await.until(name + " reported", Duration.ofSeconds(30), () -> rest.jobMetric(jobId, name).isPresent());
        try {
            return rest.jobMetric(jobId, name).orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
