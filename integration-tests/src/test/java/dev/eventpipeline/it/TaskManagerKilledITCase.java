package dev.eventpipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.it.support.Await;
import dev.eventpipeline.it.support.FlinkSessionCluster;
import dev.eventpipeline.it.support.JobLauncher;
import dev.eventpipeline.it.support.LiveTraffic;
import dev.eventpipeline.it.support.MixedStream;
import dev.eventpipeline.it.support.ScenarioReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    private static final int EVENTS = 10_000;

    @RegisterExtension
    final ScenarioReport report = new ScenarioReport("13. TaskManager process SIGKILLed");

    @Test
    void afterATaskManagerIsKilledTheJobRestoresOnTheSurvivorAndWritesEveryEventOnce() throws Exception {
        LocalServers servers = LocalServers.shared();
        Path home = Files.createDirectories(ScenarioReport.reportDir().resolve("flink-tm-killed-" + System.currentTimeMillis()));
        report.keepOnFailure(home.resolve("log"));
        int victim = 1;
        int survivor = 0;
        long checkpointBeforeKill;
        LiveTraffic.Result result;
        FlinkSessionCluster.Checkpoints checkpoints;
        Map<Integer, Integer> spreadAfter;
        try (FlinkSessionCluster cluster = FlinkSessionCluster.builder().taskManagers(2).start(home, Duration.ofMinutes(2))) {
            report.step("session cluster up with 2 TaskManagers (pids " + cluster.pids() + ") at " + home);
            // About 33 s of traffic around the crash.
            try (LiveTraffic traffic = LiveTraffic.on(servers, report).name("tm-killed")
                    .stream(MixedStream.of(EVENTS, 5, 100, 1313)).perSecond(300)
                    .jobArguments("--job.name", "event-pipeline-tm-killed")
                    .launcher(JobLauncher.sessionCluster(cluster)).start()) {
                String jobId = traffic.jobId();
                Map<Integer, Integer> spreadBefore = cluster.runningSubtasksByTaskManager(jobId);
                assertThat(spreadBefore.keySet()).as("a subtask chain on each TaskManager").containsExactly(0, 1);
                Await.until("a quarter of the stream read and two checkpoints on disk", Duration.ofMinutes(2),
                        () -> traffic.read() >= EVENTS / 4 && cluster.checkpoints(jobId).completed() >= 2);
                checkpointBeforeKill = cluster.checkpoints(jobId).latestCompletedId();

                traffic.fault("TaskManager " + victim + " SIGKILLed (subtasks per TaskManager " + spreadBefore
                        + ", latest checkpoint " + checkpointBeforeKill + ")", () -> cluster.killTaskManager(victim));
                Await.until("the job restored from a checkpoint with all tasks RUNNING on TaskManager " + survivor,
                        Duration.ofMinutes(2), () -> cluster.checkpoints(jobId).restoredId().isPresent()
                                && traffic.rest().allTasksRunning(jobId)
                                && cluster.runningSubtasksByTaskManager(jobId).keySet().equals(Set.of(survivor)));
                checkpoints = cluster.checkpoints(jobId);
                spreadAfter = cluster.runningSubtasksByTaskManager(jobId);
                report.step("restored from file-system checkpoint " + checkpoints.restoredId().getAsLong() + " ("
                        + checkpoints.restoredPath() + "); subtasks per TaskManager " + spreadAfter);
                result = traffic.finish(Duration.ofMinutes(4));
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
        assertThat(result.deadLetters().complete()).as(result.deadLetters().toString()).isTrue();
    }
}
