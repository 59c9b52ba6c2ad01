package dev.eventpipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.LocalZooKeeper;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 14: a session cluster with ZooKeeper high availability (a local ZooKeeper server JVM), a
 * JobManager and two TaskManagers. Mid-stream, under live traffic, the JobManager process gets SIGKILL;
 * a new JobManager process is started with the same configuration, as a supervisor would. It wins the
 * leader election once the dead one's ZooKeeper session expires, recovers the job (same job id) from the
 * job graph and latest checkpoint that ZooKeeper points to, the TaskManagers register with it, and every
 * valid event is in Cassandra exactly once, every invalid one dead-lettered (at-least-once).
 */
class JobManagerKilledITCase {

    private static final int EVENTS = 15_000;
    private static final int PER_SECOND = 300; // about 50 s of traffic around the crash

    @RegisterExtension
    final ScenarioReport report = new ScenarioReport("14. JobManager process SIGKILLed (ZooKeeper HA)");

    @Test
    void aNewJobManagerRecoversTheJobFromZooKeeperAndItsLatestCheckpoint() throws Exception {
        LocalServers servers = LocalServers.shared();
        KafkaTestClient kafka = new KafkaTestClient(servers.bootstrapServers());
        String topic = servers.createFreshTopic("jm-killed", 2);
        String deadLetters = servers.createFreshTopic("jm-killed-dlq", 1);
        MixedStream stream = MixedStream.of(EVENTS, 5, 100, 1414);

        Path home = Files.createDirectories(ScenarioReport.reportDir().resolve("flink-jm-killed-" + System.currentTimeMillis()));
        LocalZooKeeper zooKeeper = LocalZooKeeper.builder().workDir(home.resolve("zookeeper-work")).freePorts().build();
        report.keepOnFailure(home.resolve("log"));
        report.keepOnFailure(zooKeeper.logFile());
        FlinkSessionCluster cluster = null;
        try {
            zooKeeper.start();
            report.step("ZooKeeper up at " + zooKeeper.connectString() + " (pid " + zooKeeper.pid().orElseThrow() + ")");
            cluster = FlinkSessionCluster.builder().taskManagers(2).zooKeeper(zooKeeper).start(home, Duration.ofMinutes(2));
            FlinkSessionCluster flink = cluster;
            FlinkRest rest = cluster.rest();
            report.step("HA session cluster up with 2 TaskManagers (pids " + cluster.pids() + ") at " + home);
            List<String> arguments = Arrays.asList(TestPipelines.arguments(servers, topic, deadLetters,
                    "--job.parallelism", "2", "--job.name", "event-pipeline-jm-killed",
                    "--restart.initial-backoff", "1 s", "--restart.max-backoff", "5 s"));
            String jobId = cluster.runDetached(FlinkCli.jobJar(), arguments, Duration.ofMinutes(2));
            Await.until("the job and all its tasks RUNNING", Duration.ofMinutes(2), () -> rest.allTasksRunning(jobId));
            report.step("job " + jobId + " running");

            long killedPid;
            long newPid;
            long checkpointBeforeKill;
            Duration recovery;
            try (PacedProducer producer = new PacedProducer(servers.bootstrapServers(), topic, stream.records, PER_SECOND)) {
                producer.start();
                Await.until("a quarter of the stream read and checkpointed", Duration.ofMinutes(2),
                        () -> rest.operatorMetricSum(jobId, "eventsIn").orElse(0) >= EVENTS / 4
                                && flink.checkpoints(jobId).completed() >= 2);
                checkpointBeforeKill = cluster.checkpoints(jobId).latestCompletedId();
                int sentBeforeKill = producer.sent();
                killedPid = cluster.killJobManager();
                long killedAt = System.nanoTime();
                report.step("SIGKILL to the JobManager (pid " + killedPid + ") after " + sentBeforeKill
                        + " records were sent; latest completed checkpoint " + checkpointBeforeKill);
                assertThat(sentBeforeKill).as("the crash is mid-stream").isLessThan(EVENTS);

                newPid = cluster.startJobManager();
                report.step("started a new JobManager (pid " + newPid + ")");
                cluster.awaitTaskManagers(2, Duration.ofMinutes(2));
                Await.until("job " + jobId + " recovered by the new JobManager with all tasks RUNNING",
                        Duration.ofMinutes(3), () -> rest.allTasksRunning(jobId)
                                && flink.checkpoints(jobId).restoredId().isPresent());
                recovery = Duration.ofNanos(System.nanoTime() - killedAt);
                report.step("job recovered " + recovery.toMillis() / 1000.0 + " s after the kill, from checkpoint "
                        + cluster.checkpoints(jobId).restoredId().getAsLong() + " ("
                        + cluster.checkpoints(jobId).restoredPath() + ")");
                producer.awaitAllAcknowledged(Duration.ofMinutes(3));
            }

            Outcome.Rows rows = Converge.rows(new UserEventsTable(servers.session()), stream.expectedRows, Duration.ofMinutes(4));
            Outcome.DeadLetters letters = Converge.deadLetters(kafka, deadLetters, stream.expectedDeadLetters, Duration.ofMinutes(1));
            FlinkSessionCluster.Checkpoints checkpoints = cluster.checkpoints(jobId);
            String state = rest.jobState(jobId);
            int registered = rest.get("/overview").path("taskmanagers").asInt();
            rest.cancel(jobId);
            Await.until("the job CANCELED", Duration.ofMinutes(1), () -> "CANCELED".equals(rest.jobState(jobId)));
            report.outcome(EVENTS, rows.lost() + letters.lost(), rows.unexpected(),
                    "JobManager (pid " + killedPid + ") SIGKILLed, new one (pid " + newPid + ") recovered job " + jobId
                            + " in " + recovery.toSeconds() + " s from checkpoint " + checkpoints.restoredId().getAsLong()
                            + " (latest before the kill: " + checkpointBeforeKill + "), " + registered
                            + " TaskManagers re-registered; " + rows + "; " + letters + " (at-least-once)");

            assertThat(state).as("the recovered job runs").isEqualTo("RUNNING");
            assertThat(newPid).isNotEqualTo(killedPid);
            assertThat(cluster.jobManagerPid()).as("the new JobManager runs").hasValue(newPid);
            assertThat(registered).as("both TaskManagers registered with the new JobManager").isEqualTo(2);
            assertThat(checkpoints.restoredId().getAsLong()).as("restored from the latest checkpoint before the kill or a later one")
                    .isGreaterThanOrEqualTo(checkpointBeforeKill);
            assertThat(checkpoints.restoredDirectory()).as("a file:// checkpoint: " + checkpoints.restoredPath())
                    .hasValueSatisfying(directory -> assertThat(directory).startsWithRaw(flink.checkpointDir().resolve(jobId)));
            assertThat(rows.exact()).as(rows.toString()).isTrue();
            assertThat(letters.complete()).as(letters.toString()).isTrue();
        } finally {
            if (cluster != null) {
                cluster.close();
            }
            zooKeeper.stop();
        }
        assertThat(cluster.anyAlive()).as("a Flink JVM outlived stop()").isFalse();
        assertThat(zooKeeper.isRunning()).as("ZooKeeper stopped").isFalse();
    }
}
