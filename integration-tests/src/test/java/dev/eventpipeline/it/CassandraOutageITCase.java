package dev.eventpipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.infra.LocalCassandra;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.it.support.JobLauncher;
import dev.eventpipeline.it.support.LiveTraffic;
import dev.eventpipeline.it.support.MiniClusters;
import dev.eventpipeline.it.support.MixedStream;
import dev.eventpipeline.it.support.ScenarioReport;
import dev.eventpipeline.it.support.ServerOutages;
import java.time.Duration;
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
        LiveTraffic.Result result;
        // About 60 s of traffic at 250 events/s around the 30 s outage.
        try (LiveTraffic traffic = LiveTraffic.on(servers, report).name("outage").stream(MixedStream.of(15_000, 5, 100, 303))
                .perSecond(250).launcher(JobLauncher.miniCluster(miniCluster)).start()) {
            try {
                traffic.fault("Cassandra stopped", cassandra::stop);
                long stoppedAt = System.nanoTime();
                traffic.holdUntil(stoppedAt, OUTAGE, () -> traffic.failures() >= 1);
                traffic.fault("Cassandra started again after " + traffic.failures() + " failure(s)",
                        () -> ServerOutages.ensureCassandraUsable(servers));
            } finally {
                ServerOutages.ensureCassandraUsable(servers);
            }
            result = traffic.finish(Duration.ofMinutes(4));
        }

        assertThat(result.state()).as("the job recovered by itself").isEqualTo("RUNNING");
        assertThat(result.failures()).as("the outage failed the job at least once").isGreaterThanOrEqualTo(1);
        assertThat(result.rows().exact()).as(result.rows().toString()).isTrue();
        assertThat(result.deadLetters().complete()).as(result.deadLetters().toString()).isTrue();
    }
}
