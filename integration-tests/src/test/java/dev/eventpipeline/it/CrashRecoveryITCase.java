package dev.eventpipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 2: the TaskManager running the whole job is lost at a random point mid-stream (its
 * tasks die with in-flight Cassandra writes and unflushed dead letters). A new TaskManager joins,
 * the job restarts by its own restart strategy from the last checkpoint, and every valid event is
 * in Cassandra exactly once; every invalid one is dead-lettered (the dead-letter sink is
 * at-least-once, so a replay may repeat some: counted, not failed).
 */
class CrashRecoveryITCase {

    private static final int EVENTS = 60_000;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.oneTaskManagerWithTwoSlots();

    @RegisterExtension
    final ScenarioReport report = new ScenarioReport("2. Crash and recover (TaskManager lost)");

    @Test
    void afterLosingTheTaskManagerMidStreamEveryEventIsWrittenOnce(@InjectMiniCluster MiniCluster miniCluster)
            throws Exception {
        LocalServers servers = LocalServers.shared();
        KafkaTestClient kafka = new KafkaTestClient(servers.bootstrapServers());
        FlinkRest rest = new FlinkRest(miniCluster.getRestAddress().get());
        String topic = servers.createFreshTopic("crash", 4);
        String deadLetters = servers.createFreshTopic("crash-dlq", 1);
        MixedStream stream = MixedStream.of(EVENTS, 20, 300, 202);
        // 60% is there from the start, the rest comes after the crash: the crash is mid-stream however
        // fast the job runs, and the job (unbounded) cannot have finished before it.
        int firstPart = EVENTS * 60 / 100;
        kafka.send(topic, stream.records.subList(0, firstPart));
        long killAt = EVENTS * 15 / 100 + new Random().nextInt(EVENTS * 30 / 100); // somewhere in 15%..45%
        report.step("sent " + firstPart + " records; the TaskManager dies after ~" + killAt + " were read");

        JobClient job = PipelineRuns.start(TestPipelines.arguments(servers, topic, deadLetters,
                "--job.parallelism", "2", "--restart.initial-backoff", "500 ms"));
        String jobId = job.getJobID().toHexString();
        Await.until("the job to have read " + killAt + " records", Duration.ofMinutes(3),
                () -> rest.operatorMetricSum(jobId, "eventsIn").orElse(0) >= killAt);
        long readBeforeCrash = rest.operatorMetricSum(jobId, "eventsIn").orElseThrow();
        assertThat(rest.jobState(jobId)).as("still running when the TaskManager is lost").isEqualTo("RUNNING");
        // Mid-stream: past the kill point and within what was sent, with the rest still to come. (A fast job
        // may have read the whole first part by now; a restart before the crash would reset the count.)
        assertThat(readBeforeCrash).as("the crash is mid-stream: read since the kill point, at most what was sent")
                .isBetween(killAt, (long) firstPart);

        miniCluster.terminateTaskManager(0).get(1, TimeUnit.MINUTES);
        report.step("TaskManager terminated after " + readBeforeCrash + " records were read; starting a new one");
        miniCluster.startTaskManager();
        kafka.send(topic, stream.records.subList(firstPart, EVENTS));
        report.step("sent the remaining " + (EVENTS - firstPart) + " records");

        Outcome.Rows rowOutcome = Converge.rows(new UserEventsTable(servers.session()), stream.expectedRows,
                Duration.ofMinutes(5));
        Outcome.DeadLetters letterOutcome = Converge.deadLetters(kafka, deadLetters, stream.expectedDeadLetters,
                Duration.ofMinutes(1));
        int failures = rest.failureCount(jobId);
        report.step("caught up after " + failures + " recovered failure(s): " + rest.lastFailure(jobId));
        job.cancel().get(1, TimeUnit.MINUTES);
        report.outcome(EVENTS, rowOutcome.lost() + letterOutcome.lost(), rowOutcome.unexpected(),
                "TaskManager lost after " + readBeforeCrash + " read, " + failures + " failure(s) recovered; " + rowOutcome + "; "
                        + letterOutcome + " (at-least-once)");

        assertThat(failures).as("the lost TaskManager failed the job, which recovered").isGreaterThanOrEqualTo(1);
        assertThat(rowOutcome.exact()).as(rowOutcome.toString()).isTrue();
        assertThat(letterOutcome.complete()).as(letterOutcome.toString()).isTrue();
    }
}
