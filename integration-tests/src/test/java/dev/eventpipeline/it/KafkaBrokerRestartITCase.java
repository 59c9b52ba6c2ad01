package dev.eventpipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.infra.LocalKafka;
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
 * Scenario 4: the Kafka broker (the only one: source, dead-letter topic and offsets) is restarted
 * while events flow into a running job. The source reconnects (or the job restarts from its
 * checkpoint) and nothing is lost.
 */
class KafkaBrokerRestartITCase {

    private static final int EVENTS = 12_000;
    private static final int PER_SECOND = 300;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.oneTaskManagerWithTwoSlots();

    @RegisterExtension
    final ScenarioReport report = new ScenarioReport("4. Kafka broker restart");

    @Test
    void aBrokerRestartMidStreamLosesNothing(@InjectMiniCluster MiniCluster miniCluster) throws Exception {
        LocalServers servers = LocalServers.shared();
        LocalKafka broker = servers.kafka();
        KafkaTestClient kafka = new KafkaTestClient(servers.bootstrapServers());
        FlinkRest rest = new FlinkRest(miniCluster.getRestAddress().get());
        String topic = servers.createFreshTopic("broker-restart", 2);
        String deadLetters = servers.createFreshTopic("broker-restart-dlq", 1);
        MixedStream stream = MixedStream.of(EVENTS, 5, 100, 404);

        JobClient job = PipelineRuns.start(TestPipelines.arguments(servers, topic, deadLetters,
                "--job.parallelism", "2", "--restart.initial-backoff", "1 s", "--restart.max-backoff", "5 s"));
        String jobId = job.getJobID().toHexString();
        try (PacedProducer producer = new PacedProducer(servers.bootstrapServers(), topic, stream.records, PER_SECOND)) {
            Await.until("the job running", Duration.ofMinutes(2), () -> rest.allTasksRunning(jobId));
            producer.start();
            Await.until("rows flowing", Duration.ofMinutes(2),
                    () -> rest.operatorMetricSum(jobId, "eventsValid").orElse(0) >= PER_SECOND * 5L);
            long readBefore = rest.operatorMetricSum(jobId, "eventsIn").orElseThrow();
            try {
                report.step("restarting the broker after " + producer.sent() + " records were sent, " + readBefore + " read");
                broker.restart();
            } finally {
                ServerOutages.ensureRunning(broker);
            }
            report.step("broker is back after " + producer.sent() + " records were sent");
            assertThat(producer.sent()).as("the restart happened mid-stream").isLessThan(EVENTS);
            producer.awaitAllAcknowledged(Duration.ofMinutes(3));
        }

        Outcome.Rows rows = Converge.rows(new UserEventsTable(servers.session()), stream.expectedRows, Duration.ofMinutes(4));
        Outcome.DeadLetters letters = Converge.deadLetters(kafka, deadLetters, stream.expectedDeadLetters, Duration.ofMinutes(1));
        int failures = rest.failureCount(jobId);
        String state = rest.jobState(jobId);
        report.outcome(EVENTS, rows.lost() + letters.lost(), rows.unexpected(),
                failures + " failure(s) recovered by restarts, job " + state + "; " + rows + "; " + letters + " (at-least-once)");
        job.cancel().get(1, TimeUnit.MINUTES);

        assertThat(state).as("the job is running again").isEqualTo("RUNNING");
        assertThat(rows.exact()).as(rows.toString()).isTrue();
        assertThat(letters.complete()).as(letters.toString()).isTrue();
    }
}
