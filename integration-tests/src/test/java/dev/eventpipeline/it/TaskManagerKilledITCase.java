package dev.eventpipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.cassandra.UserEventsTable;
import dev.eventpipeline.infra.flink.FlinkRest;
import dev.eventpipeline.it.support.Await;
import dev.eventpipeline.it.support.Converge;
import dev.eventpipeline.it.support.FlinkCli;
import dev.eventpipeline.it.support.FlinkSessionCluster;
import dev.eventpipeline.it.support.MixedStream;
import dev.eventpipeline.it.support.Outcome;
import dev.eventpipeline.it.support.PacedProducer;
import dev.eventpipeline.it.support.ScenarioReport;
import dev.eventpipeline.job.testing.KafkaTestClient;
import dev.eventpipeline.job.testing.TestPipelines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 13: on a session cluster of a JobManager and two TaskManagers (separate JVMs, two slots each),
 * the job runs at parallelism 2, one subtask on each TaskManager, checkpointing to disk. Mid-stream, under
 * live traffic, one TaskManager process gets SIGKILL (no shutdown, in-flight writes and unflushed dead
 * letters die with it). The JobManager notices the lost TaskManager, the job restarts by its own restart
 * strategy from the last completed file-system checkpoint onto the surviving TaskManager's two slots, and
 * every valid event is in Cassandra exactly once, every invalid one dead-lettered (at-least-once: a replay
 * may repeat some, counted).
 */
class TaskManagerKilledITCase {

    private static final int EVENTS = 15_000;
    private static final int PER_SECOND = 300; // about 50 s of traffic around the crash

    @RegisterExtension
    final ScenarioReport report = new ScenarioReport("13. TaskManager process SIGKILLed");

    @Test
    void afterATaskManagerIsKilledTheJobRestoresOnTheSurvivorAndWritesEveryEventOnce() throws Exception {
        LocalServers servers = LocalServers.shared();
        KafkaTestClient kafka = new KafkaTestClient(servers.bootstrapServers());
        String topic = servers.createFreshTopic("tm-killed", 2);
        String deadLetters = servers.createFreshTopic("tm-killed-dlq", 1);
        MixedStream stream = MixedStream.of(EVENTS, 5, 100, 1313);

        Path home = Files.createDirectories(ScenarioReport.reportDir().resolve("flink-tm-killed-" + System.currentTimeMillis()));
        report.keepOnFailure(home.resolve("log"));
        FlinkSessionCluster cluster = FlinkSessionCluster.builder().taskManagers(2).start(home, Duration.ofMinutes(2));
        try {
            FlinkRest rest = cluster.rest();
            report.step("session cluster up with 2 TaskManagers (pids " + cluster.pids() + ") at " + home);
            List<String> arguments = Arrays.asList(TestPipelines.arguments(servers, topic, deadLetters,
                    "--job.parallelism", "2", "--job.name", "event-pipeline-tm-killed",
                    "--restart.initial-backoff", "1 s", "--restart.max-backoff", "5 s"));
            String jobId = cluster.runDetached(FlinkCli.jobJar(), arguments, Duration.ofMinutes(2));
            Await.until("the job and all its tasks RUNNING", Duration.ofMinutes(2), () -> rest.allTasksRunning(jobId));
            Map<Integer, Integer> spreadBefore = cluster.runningSubtasksByTaskManager(jobId);
            report.step("job " + jobId + " running; subtasks per TaskManager " + spreadBefore);
            assertThat(spreadBefore.keySet()).as("a subtask chain on each TaskManager").containsExactly(0, 1);

            long killedPid;
            long checkpointBeforeKill;
            int victim = 1;
            int survivor = 0;
            try (PacedProducer producer = new PacedProducer(servers.bootstrapServers(), topic, stream.records, PER_SECOND)) {
                producer.start();
                Await.until("a quarter of the stream read and checkpointed", Duration.ofMinutes(2),
                        () -> rest.operatorMetricSum(jobId, "eventsIn").orElse(0) >= EVENTS / 4
                                && cluster.checkpoints(jobId).completed() >= 2);
                checkpointBeforeKill = cluster.checkpoints(jobId).latestCompletedId();
                int sentBeforeKill = producer.sent();
                killedPid = cluster.killTaskManager(victim);
                report.step("SIGKILL to TaskManager " + victim + " (pid " + killedPid + ") after " + sentBeforeKill
                        + " records were sent; latest completed checkpoint " + checkpointBeforeKill);
                assertThat(sentBeforeKill).as("the crash is mid-stream").isLessThan(EVENTS);

                Await.until("the job restored from a checkpoint with all tasks RUNNING on TaskManager " + survivor,
                        Duration.ofMinutes(2), () -> cluster.checkpoints(jobId).restoredId().isPresent()
                                && rest.allTasksRunning(jobId)
                                && cluster.runningSubtasksByTaskManager(jobId).keySet().equals(Set.of(survivor)));
                report.step("restored from checkpoint " + cluster.checkpoints(jobId).restoredId().getAsLong()
                        + "; subtasks per TaskManager " + cluster.runningSubtasksByTaskManager(jobId));
                producer.awaitAllAcknowledged(Duration.ofMinutes(3));
            }

            Outcome.Rows rows = Converge.rows(new UserEventsTable(servers.session()), stream.expectedRows, Duration.ofMinutes(4));
            Outcome.DeadLetters letters = Converge.deadLetters(kafka, deadLetters, stream.expectedDeadLetters, Duration.ofMinutes(1));
            FlinkSessionCluster.Checkpoints checkpoints = cluster.checkpoints(jobId);
            Map<Integer, Integer> spreadAfter = cluster.runningSubtasksByTaskManager(jobId);
            int failures = rest.failureCount(jobId);
            String state = rest.jobState(jobId);
            rest.cancel(jobId);
            Await.until("the job CANCELED", Duration.ofMinutes(1), () -> "CANCELED".equals(rest.jobState(jobId)));
            report.outcome(EVENTS, rows.lost() + letters.lost(), rows.unexpected(),
                    "TaskManager " + victim + " (pid " + killedPid + ") SIGKILLed, " + failures
                            + " failure(s) recovered, restored from file-system checkpoint "
                            + checkpoints.restoredId().getAsLong() + " (latest before the kill: " + checkpointBeforeKill
                            + "), all subtasks then on TaskManager " + spreadAfter.keySet() + "; " + rows + "; " + letters
                            + " (at-least-once)");

            assertThat(state).as("the job recovered by itself").isEqualTo("RUNNING");
            assertThat(failures).as("the lost TaskManager failed the job: " + rest.lastFailure(jobId)).isGreaterThanOrEqualTo(1);
            assertThat(checkpoints.restoredId().getAsLong()).as("restored from the latest checkpoint before the kill or a later one")
                    .isGreaterThanOrEqualTo(checkpointBeforeKill);
            assertThat(checkpoints.restoredDirectory()).as("a file:// checkpoint: " + checkpoints.restoredPath())
                    .hasValueSatisfying(directory -> assertThat(directory).startsWithRaw(cluster.checkpointDir().resolve(jobId)));
            assertThat(spreadAfter).as("every subtask on the surviving TaskManager").containsOnlyKeys(survivor);
            assertThat(cluster.taskManagerPid(victim)).as("the killed TaskManager stays dead").isEmpty();
            assertThat(rows.exact()).as(rows.toString()).isTrue();
            assertThat(letters.complete()).as(letters.toString()).isTrue();
        } finally {
            cluster.close();
        }
        assertThat(cluster.anyAlive()).as("a Flink JVM outlived stop()").isFalse();
    }
}
