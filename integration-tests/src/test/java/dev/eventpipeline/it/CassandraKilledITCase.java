package dev.eventpipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.infra.LocalCassandra;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.it.support.CassandraLog;
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
 * Scenario 18 (f): the only Cassandra node is SIGKILLed mid-stream, with no flush and no drain, as a
 * crash or the OOM killer would end it. Rows it acknowledged since its last memtable flush exist only
 * in its commit log; on restart it replays them (the log must say so, or the kill proved nothing), the
 * job, failed meanwhile, restarts from its last checkpoint, and every row is there exactly once.
 */
class CassandraKilledITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.oneTaskManagerWithTwoSlots();

    @RegisterExtension
    final ScenarioReport report = new ScenarioReport("18. Single Cassandra node SIGKILLed (commit log replay)");

    @Test
    void acknowledgedRowsSurviveASigkilledNode(@InjectMiniCluster MiniCluster miniCluster) throws Exception {
        LocalServers servers = LocalServers.shared();
        LocalCassandra cassandra = servers.cassandra();
        String commitlogSync = CassandraLog.setting(servers.session(), "commitlog_sync");
        LiveTraffic.Result result;
        long replayed;
        try (LiveTraffic traffic = LiveTraffic.on(servers, report).name("cassandra-killed")
                .stream(MixedStream.of(12_000, 5, 100, 1818)).perSecond(300)
                .launcher(JobLauncher.miniCluster(miniCluster)).start()) {
            CassandraLog log = CassandraLog.from(cassandra.logFile());
            long pid = cassandra.pid().orElseThrow();
            try {
                traffic.fault("Cassandra (pid " + pid + ") SIGKILLed", cassandra::kill);
                traffic.awaitFailure(Duration.ofMinutes(1));
                traffic.fault("Cassandra started again", () -> ServerOutages.ensureCassandraUsable(servers));
            } finally {
                ServerOutages.ensureCassandraUsable(servers);
            }
            replayed = log.replayedMutations();
            report.step("commit log replay on restart: " + replayed + " mutations (commitlog_sync " + commitlogSync + ")");
            result = traffic.finish(Duration.ofMinutes(4));
        }

        assertThat(commitlogSync).as("the local stack acknowledges a write once it is on disk").isEqualTo("group");
        assertThat(replayed).as("the killed node had unflushed acknowledged rows, recovered from its commit log")
                .isPositive();
        assertThat(result.failures()).as("losing the only node failed the job").isGreaterThanOrEqualTo(1);
        assertThat(result.state()).as("the job recovered by itself").isEqualTo("RUNNING");
        assertThat(result.rows().exact()).as(result.rows().toString()).isTrue();
        assertThat(result.deadLetters().complete()).as(result.deadLetters().toString()).isTrue();
    }
}
