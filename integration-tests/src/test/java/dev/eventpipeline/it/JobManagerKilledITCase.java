package dev.eventpipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.LocalZooKeeper;
import dev.eventpipeline.it.support.Await;
import dev.eventpipeline.it.support.FlinkSessionCluster;
import dev.eventpipeline.it.support.JobLauncher;
import dev.eventpipeline.it.support.LiveTraffic;
import dev.eventpipeline.it.support.MixedStream;
import dev.eventpipeline.it.support.ScenarioReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    private static final int EVENTS = 10_000;

    @RegisterExtension
    final ScenarioReport report = new ScenarioReport("14. JobManager process SIGKILLed (ZooKeeper HA)");

    @Test
    void aNewJobManagerRecoversTheJobFromZooKeeperAndItsLatestCheckpoint() throws Exception {
        LocalServers servers = LocalServers.shared();
        Path home = Files.createDirectories(ScenarioReport.reportDir().resolve("flink-jm-killed-" + System.currentTimeMillis()));
        LocalZooKeeper zooKeeper = LocalZooKeeper.builder().workDir(home.resolve("zookeeper-work")).freePorts().build();
        report.keepOnFailure(home.resolve("log"));
        report.keepOnFailure(zooKeeper.logFile());
        long[] pids = new long[2]; // the killed JobManager's, the new one's
        long checkpointBeforeKill;
        int registered;
        LiveTraffic.Result result;
        FlinkSessionCluster.Checkpoints checkpoints;
        try {
            zooKeeper.start();
            report.step("ZooKeeper up at " + zooKeeper.connectString() + " (pid " + zooKeeper.pid().orElseThrow() + ")");
            try (FlinkSessionCluster cluster = FlinkSessionCluster.builder().taskManagers(2).zooKeeper(zooKeeper)
                    .start(home, Duration.ofMinutes(2))) {
                report.step("HA session cluster up with 2 TaskManagers (pids " + cluster.pids() + ") at " + home);
                // About 33 s of traffic around the crash.
                try (LiveTraffic traffic = LiveTraffic.on(servers, report).name("jm-killed")
                        .stream(MixedStream.of(EVENTS, 5, 100, 1414)).perSecond(300)
                        .jobArguments("--job.name", "event-pipeline-jm-killed")
                        .launcher(JobLauncher.sessionCluster(cluster)).start()) {
                    String jobId = traffic.jobId();
                    Await.until("a quarter of the stream read and two checkpoints on disk", Duration.ofMinutes(2),
                            () -> traffic.read() >= EVENTS / 4 && cluster.checkpoints(jobId).completed() >= 2);
                    checkpointBeforeKill = cluster.checkpoints(jobId).latestCompletedId();

                    traffic.fault("JobManager SIGKILLed (latest checkpoint " + checkpointBeforeKill + ")",
                            () -> pids[0] = cluster.killJobManager());
                    long killedAt = System.nanoTime();
                    traffic.fault("a new JobManager started, as a supervisor would", () -> pids[1] = cluster.startJobManager());
                    cluster.awaitTaskManagers(2, Duration.ofMinutes(2));
                    Await.until("job " + jobId + " recovered by the new JobManager with all tasks RUNNING",
                            Duration.ofMinutes(3), () -> traffic.rest().allTasksRunning(jobId)
                                    && cluster.checkpoints(jobId).restoredId().isPresent());
                    checkpoints = cluster.checkpoints(jobId);
                    report.step("job recovered " + (System.nanoTime() - killedAt) / 1_000_000 / 1000.0
                            + " s after the kill, from checkpoint " + checkpoints.restoredId().getAsLong() + " ("
                            + checkpoints.restoredPath() + ")");
                    registered = traffic.rest().get("/overview").path("taskmanagers").asInt();
                    result = traffic.finish(Duration.ofMinutes(4));
                }
                assertThat(cluster.jobManagerPid()).as("the new JobManager runs").hasValue(pids[1]);
                assertThat(checkpoints.restoredDirectory()).as("a file:// checkpoint: " + checkpoints.restoredPath())
                        .hasValueSatisfying(directory -> assertThat(directory).startsWithRaw(cluster.checkpointDir()));
            }
        } finally {
            zooKeeper.stop();
        }

        assertThat(pids[1]).isNotEqualTo(pids[0]);
        assertThat(registered).as("both TaskManagers registered with the new JobManager").isEqualTo(2);
        assertThat(result.state()).as("the recovered job runs").isEqualTo("RUNNING");
        assertThat(checkpoints.restoredId().getAsLong()).as("restored from the latest checkpoint before the kill or a later one")
                .isGreaterThanOrEqualTo(checkpointBeforeKill);
        assertThat(result.rows().exact()).as(result.rows().toString()).isTrue();
        assertThat(result.deadLetters().complete()).as(result.deadLetters().toString()).isTrue();
        assertThat(zooKeeper.isRunning()).as("ZooKeeper stopped").isFalse();
    }
}
