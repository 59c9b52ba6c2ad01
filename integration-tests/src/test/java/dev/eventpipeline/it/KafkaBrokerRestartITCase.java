package dev.eventpipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.infra.LocalKafka;
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
 * Scenario 4: the Kafka broker (the only one: source, dead-letter topic and offsets) is restarted
 * while events flow into a running job. The source reconnects (or the job restarts from its
 * checkpoint) and nothing is lost.
 */
class KafkaBrokerRestartITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.oneTaskManagerWithTwoSlots();

    @RegisterExtension
    final ScenarioReport report = new ScenarioReport("4. Kafka broker restart");

    @Test
    void aBrokerRestartMidStreamLosesNothing(@InjectMiniCluster MiniCluster miniCluster) throws Exception {
        LocalServers servers = LocalServers.shared();
        LocalKafka broker = servers.kafka();
        LiveTraffic.Result result;
        try (LiveTraffic traffic = LiveTraffic.on(servers, report).name("broker-restart")
                .stream(MixedStream.of(12_000, 5, 100, 404)).perSecond(300)
                .launcher(JobLauncher.miniCluster(miniCluster)).start()) {
            try {
                traffic.fault("broker restarted", broker::restart);
            } finally {
                ServerOutages.ensureRunning(broker);
            }
            result = traffic.finish(Duration.ofMinutes(4));
        }

        assertThat(result.state()).as("the job is running again").isEqualTo("RUNNING");
        assertThat(result.rows().exact()).as(result.rows().toString()).isTrue();
        assertThat(result.deadLetters().complete()).as(result.deadLetters().toString()).isTrue();
    }
}
