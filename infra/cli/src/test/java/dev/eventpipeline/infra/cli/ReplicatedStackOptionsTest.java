package dev.eventpipeline.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.infra.LocalServer;
import dev.eventpipeline.infra.LocalServers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `--nodes`: what a replicated local stack is made of, what is remembered, and what is refused before anything starts. */
class ReplicatedStackOptionsTest {

    @TempDir
    Path workDir;

    @Test
    void threeNodesAreAKafkaAndACassandraClusterNumberedFromTheGivenPorts() {
        StackOptions given = new StackOptions();
        given.workDir = workDir;
        given.nodes = 3;
        given.kafkaPort = 19092;
        given.cassandraPort = 19042;

        LocalServers servers = given.servers();

        assertThat(servers.replicated()).isTrue();
        assertThat(servers.bootstrapServers()).isEqualTo("127.0.0.1:19092,127.0.0.1:19094,127.0.0.1:19096");
        assertThat(servers.cassandraContactPointHosts()).isEqualTo("127.0.0.1,127.0.0.2,127.0.0.3");
        assertThat(servers.servers()).extracting(LocalServer::displayName).containsExactly(
                "Kafka node 1", "Kafka node 2", "Kafka node 3", "Cassandra node 1", "Cassandra node 2", "Cassandra node 3");
        assertThat(servers.servers()).extracting(LocalServer::logFile).doesNotHaveDuplicates();
        assertThat(servers.jobArguments()).containsSequence("--cassandra.contact-points", "127.0.0.1,127.0.0.2,127.0.0.3",
                "--cassandra.port", "19042");
    }

    @Test
    void theNodeCountAndPortsOfUpAreRememberedByTheOtherCommands() throws Exception {
        StackOptions up = new StackOptions();
        up.workDir = workDir;
        up.nodes = 3;
        up.kafkaPort = 29092;
        up.record(up.servers());

        StackOptions later = new StackOptions();
        later.workDir = workDir;

        assertThat(later.nodes()).isEqualTo(3);
        assertThat(later.servers().bootstrapServers()).startsWith("127.0.0.1:29092,");
        // A cluster's per-node heap default is not pinned by `up`, so `--nodes 1` later gets the single node's.
        assertThat(Files.readString(workDir.resolve("stack.properties"))).contains("nodes=3").doesNotContain("cassandra.heap");
    }

    @Test
    void oneNodeIsTheDefault() {
        StackOptions none = new StackOptions();
        none.workDir = workDir;

        assertThat(none.nodes()).isEqualTo(1);
        assertThat(none.servers().replicated()).isFalse();
        assertThat(none.servers().servers()).extracting(LocalServer::displayName).containsExactly("Kafka", "Cassandra");
    }

    @Test
    void aSecuredClusterIsRefusedNamingBothOptions() {
        CliRun run = CliRun.of("up", "--work-dir", workDir.toString(), "--nodes", "3", "--secure");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--secure works with one node only; use `--nodes 1 --secure`, or `--nodes 3` without --secure");
        assertThat(workDir.resolve("run")).doesNotExist();
    }

    @Test
    void moreNodesThanTheMachineHoldsAreRefused() {
        for (String count : new String[] {"0", "4"}) {
            CliRun run = CliRun.of("up", "--work-dir", workDir.toString(), "--nodes", count);

            assertThat(run.exitCode()).as(count).isEqualTo(1);
            assertThat(run.err()).as(count).contains("--nodes must be 1 to 3, not " + count);
        }
        assertThat(workDir.resolve("run")).doesNotExist();
    }

    @Test
    void aClusterTakesNoControllerPortSinceEachNodeUsesTheOneAboveItsBroker() {
        CliRun run = CliRun.of("up", "--work-dir", workDir.toString(), "--nodes", "3", "--kafka-controller-port", "9999");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--kafka-controller-port applies to one node only",
                "node n takes --kafka-port + 2(n-1) and the port above it");
    }

    @Test
    void aNodeOfASingleNodeStackIsAUsageError() {
        CliRun run = CliRun.of("logs", "kafka", "--node", "2", "--work-dir", workDir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--node 2: this stack has one node of each");
    }

    @Test
    void aNodeOutsideTheClusterIsAUsageError() {
        CliRun run = CliRun.of("logs", "cassandra", "--node", "4", "--nodes", "3", "--work-dir", workDir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--node: Node 4 is not one of 1..3");
    }

    @Test
    void statusAndDownOfAClusterThatNeverRanNameEveryNode() {
        CliRun status = CliRun.of("status", "--work-dir", workDir.toString(), "--nodes", "3", "--kafka-port", "1",
                "--cassandra-port", "2");
        CliRun down = CliRun.of("down", "--work-dir", workDir.toString(), "--nodes", "3");

        assertThat(status.exitCode()).isEqualTo(StatusCommand.NOT_ALL_RUNNING);
        assertThat(status.out()).contains("Kafka node 3     stopped", "Cassandra node 3 stopped");
        assertThat(down.exitCode()).isZero();
        assertThat(down.out()).contains("Kafka node 1     was not running", "Cassandra node 3 was not running");
    }
}
