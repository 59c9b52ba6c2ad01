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
 * Scenario 19: scenario 13's crash with {@code dlq.delivery-guarantee=exactly-once}. On a session cluster
 * of a JobManager and two TaskManagers (separate JVMs), the job writes its dead letters in Kafka
 * transactions, one per subtask and checkpoint, committed when the checkpoint completes. Mid-stream one
 * TaskManager process gets SIGKILL with its transaction open; the job restores from the last checkpoint on
 * the survivor, commits what that checkpoint prepared, aborts the transactions the dead subtask left open,
 * and replays. A {@code read_committed} consumer must see every dead letter exactly once, and the rows be
 * exact; a {@code read_uncommitted} read shows what the transactions hid (the replayed dead letters twice).
 */
class ExactlyOnceDeadLettersITCase {

    private static final int EVENTS = 9_000;
    /** 20 of each reject reason: about 10 dead letters a second at 300 records a second, so each transaction holds some. */
    private static final int INVALID_PER_REASON = 20;

    @RegisterExtension
    final ScenarioReport report = new ScenarioReport("19. Exactly-once dead letters, TaskManager process SIGKILLed");

    @Test
    void aReadCommittedConsumerSeesEachDeadLetterOnceAcrossATaskManagerKill() throws Exception {
        LocalServers servers = LocalServers.shared();
        KafkaTestClient kafka = new KafkaTestClient(servers.bootstrapServers());
        Path home = Files.createDirectories(ScenarioReport.reportDir().resolve("flink-eos-dlq-" + System.currentTimeMillis()));
        report.keepOnFailure(home.resolve("log"));
        MixedStream stream = MixedStream.of(EVENTS, INVALID_PER_REASON, 100, 1919);
        int victim = 1;
        int survivor = 0;
        int committedBeforeKill;
        LiveTraffic.Result result;
        Outcome.DeadLetters uncommitted;
        try (FlinkSessionCluster cluster = FlinkSessionCluster.builder().taskManagers(2).start(home, Duration.ofMinutes(2))) {
            report.step("session cluster up with 2 TaskManagers (pids " + cluster.pids() + ") at " + home);
            // About 30 s of traffic around the crash.
            try (LiveTraffic traffic = LiveTraffic.on(servers, report).name("eos-dlq")
                    .stream(stream).perSecond(300)
                    .jobArguments("--job.name", "event-pipeline-eos-dlq", "--dlq.delivery-guarantee", "exactly-once")
                    .deadLetterIsolation(IsolationLevel.READ_COMMITTED)
                    .launcher(JobLauncher.sessionCluster(cluster)).start()) {
                String jobId = traffic.jobId();
                String deadLetters = traffic.deadLetterTopic();
                Map<Integer, Integer> spreadBefore = cluster.runningSubtasksByTaskManager(jobId);
                assertThat(spreadBefore.keySet()).as("a subtask chain on each TaskManager").containsExactly(0, 1);
                Await.until("a quarter of the stream read, two checkpoints and committed dead letters", Duration.ofMinutes(2),
                        () -> traffic.read() >= EVENTS / 4 && cluster.checkpoints(jobId).completed() >= 2
                                && !kafka.readAll(deadLetters, Duration.ofSeconds(10), IsolationLevel.READ_COMMITTED).isEmpty());
                committedBeforeKill = kafka.readAll(deadLetters, Duration.ofSeconds(10), IsolationLevel.READ_COMMITTED).size();

                traffic.fault("TaskManager " + victim + " SIGKILLed (" + committedBeforeKill + " dead letters committed, "
                        + "latest checkpoint " + cluster.checkpoints(jobId).latestCompletedId() + ")",
                        () -> cluster.killTaskManager(victim));
                Await.until("the job restored from a checkpoint with all tasks RUNNING on TaskManager " + survivor,
                        Duration.ofMinutes(2), () -> cluster.checkpoints(jobId).restoredId().isPresent()
                                && traffic.rest().allTasksRunning(jobId)
                                && cluster.runningSubtasksByTaskManager(jobId).keySet().equals(Set.of(survivor)));
                report.step("restored from checkpoint " + cluster.checkpoints(jobId).restoredId().getAsLong());
                result = traffic.finish(Duration.ofMinutes(3));
                uncommitted = Outcome.deadLetters(stream.expectedDeadLetters,
                        kafka.readAll(deadLetters, Duration.ofMinutes(1), IsolationLevel.READ_UNCOMMITTED));
                report.step("read_uncommitted sees " + uncommitted + "; read_committed " + result.deadLetters());
            }
        }

        assertThat(committedBeforeKill).as("dead letters were committed before the kill").isPositive();
        assertThat(result.state()).as("the job recovered by itself").isEqualTo("RUNNING");
        assertThat(result.failures()).as("the lost TaskManager failed the job").isGreaterThanOrEqualTo(1);
        assertThat(result.rows().exact()).as(result.rows().toString()).isTrue();
        assertThat(result.deadLetters().duplicated()).as("repeated dead letters for read_committed: "
                + result.deadLetters()).isZero();
        assertThat(result.deadLetters().exact()).as(result.deadLetters().toString()).isTrue();
        assertThat(uncommitted.found()).as("read_uncommitted also sees aborted transactions: " + uncommitted)
                .isGreaterThanOrEqualTo(result.deadLetters().found());
        assertThat(uncommitted.complete()).as(uncommitted.toString()).isTrue();
    }
}
