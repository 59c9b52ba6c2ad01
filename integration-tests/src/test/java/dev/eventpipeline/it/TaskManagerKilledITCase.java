package dev.eventpipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.it.support.Await;
import dev.eventpipeline.it.support.FlinkSessionCluster;
import dev.eventpipeline.it.support.JobLauncher;
import dev.eventpipeline.it.support.LiveTraffic;
import dev.eventpipeline.it.support.MixedStream;
import dev.eventpipeline.it.support.Outcome;
import dev.eventpipeline.it.support.ScenarioReport;
import dev.eventpipeline.job.testing.KafkaTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 13: on a session cluster of a JobManager and two TaskManagers (separate JVMs, two slots each),
 * the job runs at parallelism 2, one subtask on each TaskManager, checkpointing to disk. Mid-stream, under
 * live traffic, one TaskManager process gets SIGKILL (no shutdown, in-flight writes and unflushed dead
 * letters die with it). The JobManager notices the lost TaskManager, the job restarts by its own restart
 * strategy from the last completed file-system checkpoint onto the surviving TaskManager's two slots, and
 * every valid event is in Cassandra exactly once. Dead letters go through Kafka transactions
 * ({@code dlq.delivery-guarantee=exactly-once}), one per subtask and checkpoint: the restored job commits
 * what its checkpoint prepared and aborts what the dead subtask left open, so a {@code read_committed}
 * consumer sees each dead letter exactly once, while a {@code read_uncommitted} read also shows the aborted
 * repeats. (The other crash scenarios keep the default at-least-once dead letters and count their repeats.)
 */
class TaskManagerKilledITCase {

    private static final int EVENTS = 10_000;
    /** 20 of each reject reason: about 10 dead letters a second at 300 records a second, so each transaction holds some. */
    private static final int INVALID_PER_REASON = 20;

    @RegisterExtension
    final ScenarioReport report = new ScenarioReport("13. TaskManager process SIGKILLed, exactly-once dead letters");

    @Test
    void afterATaskManagerIsKilledTheJobRestoresOnTheSurvivorAndWritesEveryEventOnce() throws Exception {
        LocalServers servers = LocalServers.shared();
        Path home = Files.createDirectories(ScenarioReport.reportDir().resolve("flink-tm-killed-" + System.currentTimeMillis()));
        report.keepOnFailure(home.resolve("log"));
        int victim = 1;
        int survivor = 0;
        long checkpointBeforeKill;
        KafkaTestClient kafka = new KafkaTestClient(servers.bootstrapServers());
        MixedStream stream = MixedStream.of(EVENTS, INVALID_PER_REASON, 100, 1313);
        int committedBeforeKill;
        Outcome.DeadLetters uncommitted;
        LiveTraffic.Result result;
        FlinkSessionCluster.Checkpoints checkpoints;
        Map<Integer, Integer> spreadAfter;
        try (FlinkSessionCluster cluster = FlinkSessionCluster.builder().taskManagers(2).start(home, Duration.ofMinutes(2))) {
            report.step("session cluster up with 2 TaskManagers (pids " + cluster.pids() + ") at " + home);
            // About 33 s of traffic around the crash.
            try (LiveTraffic traffic = LiveTraffic.on(servers, report).name("tm-killed")
                    .stream(stream).perSecond(300)
                    .jobArguments("--job.name", "event-pipeline-tm-killed", "--dlq.delivery-guarantee", "exactly-once")
                    .deadLetterIsolation(IsolationLevel.READ_COMMITTED)
                    .launcher(JobLauncher.sessionCluster(cluster)).start()) {
                String jobId = traffic.jobId();
                Map<Integer, Integer> spreadBefore = cluster.runningSubtasksByTaskManager(jobId);
                assertThat(spreadBefore.keySet()).as("a subtask chain on each TaskManager").containsExactly(0, 1);
                String deadLetters = traffic.deadLetterTopic();
                Await.until("a quarter of the stream read, two checkpoints on disk and dead letters committed",
                        Duration.ofMinutes(2), () -> traffic.read() >= EVENTS / 4 && cluster.checkpoints(jobId).completed() >= 2
                                && !kafka.readAll(deadLetters, Duration.ofSeconds(10), IsolationLevel.READ_COMMITTED).isEmpty());
                checkpointBeforeKill = cluster.checkpoints(jobId).latestCompletedId();
                committedBeforeKill = kafka.readAll(deadLetters, Duration.ofSeconds(10), IsolationLevel.READ_COMMITTED).size();

                traffic.fault("TaskManager " + victim + " SIGKILLed (subtasks per TaskManager " + spreadBefore
                        + ", latest checkpoint " + checkpointBeforeKill + ", " + committedBeforeKill
                        + " dead letters committed)", () -> cluster.killTaskManager(victim));
                Await.until("the job restored from a checkpoint with all tasks RUNNING on TaskManager " + survivor,
                        Duration.ofMinutes(2), () -> cluster.checkpoints(jobId).restoredId().isPresent()
                                && traffic.rest().allTasksRunning(jobId)
                                && cluster.runningSubtasksByTaskManager(jobId).keySet().equals(Set.of(survivor)));
                checkpoints = cluster.checkpoints(jobId);
                spreadAfter = cluster.runningSubtasksByTaskManager(jobId);
                report.step("restored from file-system checkpoint " + checkpoints.restoredId().getAsLong() + " ("
                        + checkpoints.restoredPath() + "); subtasks per TaskManager " + spreadAfter);
                result = traffic.finish(Duration.ofMinutes(4));
                uncommitted = Outcome.deadLetters(stream.expectedDeadLetters,
                        kafka.readAll(deadLetters, Duration.ofMinutes(1), IsolationLevel.READ_UNCOMMITTED));
                report.step("read_uncommitted sees " + uncommitted + "; read_committed " + result.deadLetters());
            }
            assertThat(checkpoints.restoredDirectory()).as("a file:// checkpoint: " + checkpoints.restoredPath())
                    .hasValueSatisfying(directory -> assertThat(directory).startsWithRaw(cluster.checkpointDir()));
            assertThat(cluster.taskManagerPid(victim)).as("the killed TaskManager stays dead").isEmpty();
        }

        assertThat(result.state()).as("the job recovered by itself").isEqualTo("RUNNING");
        assertThat(result.failures()).as("the lost TaskManager failed the job").isGreaterThanOrEqualTo(1);
        assertThat(checkpoints.restoredId().getAsLong()).as("restored from the latest checkpoint before the kill or a later one")
                .isGreaterThanOrEqualTo(checkpointBeforeKill);
        assertThat(spreadAfter).as("every subtask on the surviving TaskManager").containsOnlyKeys(survivor);
        assertThat(result.rows().exact()).as(result.rows().toString()).isTrue();
        assertThat(committedBeforeKill).as("dead letters were committed before the kill").isPositive();
        assertThat(result.deadLetters().exact()).as("read_committed: each dead letter once, " + result.deadLetters()).isTrue();
        assertThat(uncommitted.found()).as("read_uncommitted also sees aborted transactions: " + uncommitted)
                .isGreaterThanOrEqualTo(result.deadLetters().found());
        assertThat(uncommitted.complete()).as(uncommitted.toString()).isTrue();
    }
}
