package dev.eventpipeline.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaServerFilesTest {

    private static final Path DATA = Path.of("/work/kafka/data");

    @Test
    void theSingleNodeIsItsOwnQuorumWithOneReplicaOfEverything() {
        String properties = KafkaServerFiles.serverProperties("127.0.0.1", 9092, 9093, DATA);

        assertThat(properties.lines()).contains(
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:9093",
                "offsets.topic.replication.factor=1",
                "min.insync.replicas=1");
        assertThat(properties).doesNotContain("controller.quorum.voters", "broker.session.timeout.ms");
    }

    @Test
    void aClusterNodeNamesEveryVoterAndReplicatesInternalTopicsThreeTimes() {
        KraftIdentity node2 = KraftIdentity.clusterNode(2, "cluster-id", Map.of(1, 9093, 2, 9095, 3, 9097));

        String properties = KafkaServerFiles.serverProperties(node2, "127.0.0.1", 9094, 9095, DATA);

        assertThat(properties.lines()).contains(
                "node.id=2",
                "controller.quorum.voters=1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097",
                "listeners=PLAINTEXT://127.0.0.1:9094,CONTROLLER://127.0.0.1:9095",
                "offsets.topic.replication.factor=3",
                "transaction.state.log.replication.factor=3",
                "transaction.state.log.min.isr=2",
                "share.coordinator.state.topic.replication.factor=3",
                "share.coordinator.state.topic.min.isr=2",
                "default.replication.factor=3",
                "min.insync.replicas=2",
                "unclean.leader.election.enable=false",
                "broker.session.timeout.ms=4000");
        assertThat(properties).doesNotContain("controller.quorum.bootstrap.servers");
    }

    @Test
    void aClusterNodeMustBeAmongTheVoters() {
        assertThatThrownBy(() -> KraftIdentity.clusterNode(4, "id", Map.of(1, 9093, 2, 9095, 3, 9097)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Node 4");
    }
}
