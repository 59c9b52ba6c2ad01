package dev.eventpipeline.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.eventpipeline.infra.LocalServer;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.kafka.KafkaTopics;
import dev.eventpipeline.infra.process.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `pipeline up --nodes 3`: three Kafka brokers and three Cassandra nodes as real JVMs, replicated, then `down`. */
class UpReplicatedStackITCase {

    private static final String USER = "589e4567-e89b-12d3-a456-426614174000";

    @TempDir
    Path workDir;

    private final int kafkaBasePort = Ports.freeRange(6);
    private final int[] cassandraPorts = Ports.freePorts(2, List.of("127.0.0.1", "127.0.0.2", "127.0.0.3"));

    @AfterEach
    void neverLeaveServersBehind() {
        CliRun.of("down", "--work-dir", workDir.toString());
    }

    @Test
    void upWithThreeNodesReplicatesTopicsAndKeyspaceAndDownStopsEveryNode() throws Exception {
        CliRun up = CliRun.of("up", "--work-dir", workDir.toString(), "--nodes", "3",
                "--kafka-port", Integer.toString(kafkaBasePort),
                "--cassandra-port", Integer.toString(cassandraPorts[0]),
                "--cassandra-storage-port", Integer.toString(cassandraPorts[1]));

        System.out.print(up.out()); // the start times, for the README's table
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out()).contains("replicated: 3 Kafka nodes, 3 Cassandra nodes",
                "Kafka node 3     ready on 127.0.0.1:" + (kafkaBasePort + 4),
                "Cassandra node 3 ready on 127.0.0.3:" + cassandraPorts[0],
                "created user-events", "(replication factor 3, min.insync.replicas 2)",
                "keyspace on NetworkTopologyStrategy with 3 replicas", "Up in ");

        // Remembered: the other commands need no options, and `up` again reuses every node.
        CliRun again = CliRun.of("up", "--work-dir", workDir.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out().split("already running", -1)).hasSize(7);
        assertThat(again.out()).contains("Topics           already there");

        CliRun otherLayout = CliRun.of("up", "--work-dir", workDir.toString(), "--nodes", "1");
        assertThat(otherLayout.exitCode()).isEqualTo(1);
        assertThat(otherLayout.err()).contains("runs with 3 nodes of each", "stop it with `pipeline down` before `up --nodes 1`");

        CliRun status = CliRun.of("status", "--work-dir", workDir.toString());
        assertThat(status.exitCode()).as(status.out()).isZero();
        assertThat(status.out().split("accepting connections", -1)).hasSize(7);

        StackOptions remembered = new StackOptions();
        remembered.workDir = workDir;
        LocalServers servers = remembered.servers();
        assertThreeReplicasOfEveryPartition(servers);
        try (CqlSession session = servers.openCassandraSession()) {
            assertThat(session.getMetadata().getKeyspace("event_streaming").orElseThrow().getReplication())
                    .containsEntry("class", "org.apache.cassandra.locator.NetworkTopologyStrategy")
                    .containsEntry("datacenter1", "3");
        }
        CliRun query = CliRun.of("query", "--work-dir", workDir.toString(), "--user", USER, "--date", "2025-11-25");
        assertThat(query.out()).as(query.err()).contains("No events for user " + USER);

        List<Long> pids = servers.servers().stream().map(LocalServer::pid).flatMap(Optional::stream).toList();
        assertThat(pids).hasSize(6);
        CliRun down = CliRun.of("down", "--work-dir", workDir.toString());
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(down.out().split(" stopped \\(pid", -1)).hasSize(7);
        assertThat(pids.stream().map(ProcessHandle::of)).allSatisfy(process ->
                assertThat(process.filter(ProcessHandle::isAlive)).isEmpty());
        assertThat(Stream.concat(IntStream.range(kafkaBasePort, kafkaBasePort + 6).boxed(),
                        Stream.of(cassandraPorts[0]))
                .filter(Ports::isListening)).isEmpty();
        assertThat(Files.readString(workDir.resolve("stack.properties"))).contains("nodes=3");
    }

    private static void assertThreeReplicasOfEveryPartition(LocalServers servers) throws Exception {
        try (Admin admin = servers.kafkaCluster().admin()) {
            // One cluster: every broker registered, each a voter of the metadata quorum, all formatted with one id.
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).extracting(node -> node.id())
                    .containsExactlyInAnyOrder(1, 2, 3);
            var quorum = admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS);
            assertThat(quorum.voters()).extracting(voter -> voter.replicaId()).containsExactlyInAnyOrder(1, 2, 3);
            assertThat(quorum.leaderId()).isBetween(1, 3);
            assertThat(servers.kafkaCluster().nodes()).extracting(node -> node.formattedClusterId().orElseThrow())
                    .containsOnly(servers.kafkaCluster().node(1).formattedClusterId().orElseThrow());
            TopicDescription events = admin.describeTopics(List.of(KafkaTopics.USER_EVENTS)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(KafkaTopics.USER_EVENTS);
            assertThat(events.partitions()).isNotEmpty()
                    .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
            assertThat(admin.describeConfigs(List.of(new ConfigResource(
                            ConfigResource.Type.TOPIC, KafkaTopics.USER_EVENTS)))
                    .all().get(30, TimeUnit.SECONDS).values().iterator().next().get("min.insync.replicas").value())
                    .isEqualTo("2");
        }
    }
}
