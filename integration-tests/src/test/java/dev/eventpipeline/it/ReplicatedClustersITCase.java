package dev.eventpipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import dev.eventpipeline.infra.LocalCassandraCluster;
import dev.eventpipeline.infra.LocalKafkaCluster;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.cassandra.UserEventsTable;
import dev.eventpipeline.it.support.Await;
import dev.eventpipeline.it.support.Converge;
import dev.eventpipeline.it.support.JobLauncher;
import dev.eventpipeline.it.support.LiveTraffic;
import dev.eventpipeline.it.support.MiniClusters;
import dev.eventpipeline.it.support.MixedStream;
import dev.eventpipeline.it.support.Outcome;
import dev.eventpipeline.it.support.ReplicatedStack;
import dev.eventpipeline.it.support.ScenarioReport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenarios 15–17: the pipeline on replicated servers, three Cassandra nodes (NetworkTopologyStrategy,
 * replication factor 3, the job writing at LOCAL_QUORUM) and three Kafka brokers (KRaft, topics at
 * replication factor 3 with min.insync.replicas 2), each its own JVM ({@link ReplicatedStack}), faults
 * by SIGKILL to the recorded PID. The stack is started for this class and stopped after it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicatedClustersITCase {

    /** How long a fault lasts under live traffic before the repair. */
    private static final Duration DOWN = Duration.ofSeconds(12);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.oneTaskManagerWithTwoSlots();

    @RegisterExtension
    final ScenarioReport report = new ScenarioReport("Replicated clusters", ReplicatedStack::servers);

    @AfterAll
    static void stopTheStack() {
        ReplicatedStack.stop();
    }

    private static UserEventsTable rowsAtQuorum(LocalServers servers) {
        return new UserEventsTable(servers.session()).readingAt(ConsistencyLevel.QUORUM);
    }

    @Test
    @Order(1)
    @DisplayName("17. Kafka broker leading a source partition SIGKILLed")
    void theLeaderOfASourcePartitionDies(@InjectMiniCluster MiniCluster miniCluster) throws Exception {
        LocalServers servers = ReplicatedStack.servers();
        LocalKafkaCluster kafka = servers.kafkaCluster();
        LiveTraffic.Result result;
        try (LiveTraffic traffic = LiveTraffic.on(servers, report).name("leader-killed")
                .stream(MixedStream.of(12_000, 5, 100, 1717)).perSecond(300)
                .rows(() -> rowsAtQuorum(servers)).launcher(JobLauncher.miniCluster(miniCluster)).start()) {
            int leader = kafka.leaderOf(traffic.topic(), 0);
            traffic.fault("Kafka node " + leader + " (leader of " + traffic.topic() + "-0) SIGKILLed",
                    () -> kafka.killNode(leader));
            long killedAt = System.nanoTime();
            Await.until("leadership of partition 0 moved", Duration.ofMinutes(1),
                    () -> kafka.leaderOf(traffic.topic(), 0) != leader);
            report.step("partition 0 now led by node " + kafka.leaderOf(traffic.topic(), 0) + " after "
                    + (System.nanoTime() - killedAt) / 1_000_000 + " ms");
            traffic.holdUntil(killedAt, DOWN, () -> true);
            traffic.fault("Kafka node " + leader + " started again", () -> {
                kafka.startNode(leader);
                kafka.awaitFullyReplicated(traffic.topic(), Duration.ofMinutes(1));
            });
            result = traffic.finish(Duration.ofMinutes(4));
        }

        assertThat(result.state()).as("the job is running").isEqualTo("RUNNING");
        assertThat(result.rows().exact()).as(result.rows().toString()).isTrue();
        assertThat(result.deadLetters().complete()).as(result.deadLetters().toString()).isTrue();
    }

    @Test
    @Order(2)
    @DisplayName("16. Two of three Cassandra nodes SIGKILLed")
    void writesFailWithoutAQuorumAndResumeWhenANodeIsBack(@InjectMiniCluster MiniCluster miniCluster) throws Exception {
        LocalServers servers = ReplicatedStack.servers();
        LocalCassandraCluster cassandra = servers.cassandraCluster();
        CompletableFuture<Void> node3 = CompletableFuture.completedFuture(null);
        LiveTraffic.Result result;
        try (LiveTraffic traffic = LiveTraffic.on(servers, report).name("quorum-lost")
                .stream(MixedStream.of(12_000, 5, 100, 1616)).perSecond(300)
                .rows(() -> rowsAtQuorum(servers)).launcher(JobLauncher.miniCluster(miniCluster)).start()) {
            traffic.fault("Cassandra nodes 2 and 3 SIGKILLed", () -> {
                cassandra.killNode(2);
                cassandra.killNode(3);
            });
            long killedAt = System.nanoTime();
            traffic.holdUntil(killedAt, DOWN, () -> traffic.failures() >= 1);
            report.step("the job failed " + traffic.failures() + " time(s) without a quorum");
            traffic.fault("Cassandra node 2 started again (a quorum of 2 of 3)", () -> cassandra.startNode(2));
            // Node 3 (for the next scenario) starts while the job catches up on two nodes; the job does not wait for it.
            node3 = CompletableFuture.runAsync(() -> cassandra.node(3).start());
            result = traffic.finish(Duration.ofMinutes(4));
        } finally {
            node3.exceptionally(failed -> null).join();
            cassandra.startNode(3); // returns at once when running; waits until every node sees every other
        }

        assertThat(result.failures()).as("writes without a quorum failed the job").isGreaterThanOrEqualTo(1);
        assertThat(result.state()).as("the job recovered by itself").isEqualTo("RUNNING");
        assertThat(result.rows().exact()).as(result.rows().toString()).isTrue();
        assertThat(result.deadLetters().complete()).as(result.deadLetters().toString()).isTrue();
    }

    @Test
    @Order(3)
    @DisplayName("15. One Cassandra node SIGKILLed at LOCAL_QUORUM")
    void theJobWritesOnWithOneNodeDownAndTheNodeCatchesUp(@InjectMiniCluster MiniCluster miniCluster) throws Exception {
        LocalServers servers = ReplicatedStack.servers();
        LocalCassandraCluster cassandra = servers.cassandraCluster();
        MixedStream stream = MixedStream.of(12_000, 5, 100, 1515);
        int[] hintFiles = new int[1];
        LiveTraffic.Result result;
        try (LiveTraffic traffic = LiveTraffic.on(servers, report).name("node-killed").stream(stream).perSecond(300)
                .rows(() -> rowsAtQuorum(servers)).launcher(JobLauncher.miniCluster(miniCluster)).start()) {
            traffic.fault("Cassandra node 3 SIGKILLed", () -> cassandra.killNode(3));
            // The coordinators keep what node 3 misses as hints, on disk within a second.
            traffic.holdUntil(System.nanoTime(), DOWN,
                    () -> (hintFiles[0] = cassandra.pendingHintFiles(1) + cassandra.pendingHintFiles(2)) > 0);
            report.step("the job failed " + traffic.failures() + " time(s) with node 3 down; " + hintFiles[0]
                    + " hint file(s) for it on nodes 1 and 2");
            traffic.fault("Cassandra node 3 started again", () -> cassandra.startNode(3));
            result = traffic.finish(Duration.ofMinutes(4));
        }
        cassandra.awaitHintsDelivered(Duration.ofMinutes(2));
        assertThat(cassandra.pendingHintFiles(1) + cassandra.pendingHintFiles(2) + cassandra.pendingHintFiles(3)).isZero();
        report.step("hints delivered to node 3; stopping nodes 1 and 2 to read node 3 alone");
        cassandra.node(1).stop();
        cassandra.node(2).stop();
        Outcome.Rows onNode3 = Converge.rows(new UserEventsTable(servers.session()).readingAt(ConsistencyLevel.ONE),
                stream.expectedRows, Duration.ofMinutes(1));
        report.step("node 3 alone, at ONE: " + onNode3);

        assertThat(hintFiles[0]).as("hints kept for the node that was down").isPositive();
        assertThat(result.failures()).as("one node of three down is no failure at LOCAL_QUORUM").isZero();
        assertThat(result.state()).isEqualTo("RUNNING");
        assertThat(result.rows().exact()).as("at QUORUM: " + result.rows()).isTrue();
        assertThat(result.deadLetters().complete()).as(result.deadLetters().toString()).isTrue();
        assertThat(onNode3.exact()).as("every row on the node that was down: " + onNode3).isTrue();
    }
}
