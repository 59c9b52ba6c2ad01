package dev.eventpipeline.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicationTest {

    @Test
    void threeCopiesTwoInSyncOnThreeOrMoreNodesFewerOnSmallerClusters() {
        assertThat(Replication.forNodes(1)).isEqualTo(new Replication((short) 1, 1));
        assertThat(Replication.forNodes(2)).isEqualTo(new Replication((short) 2, 2));
        assertThat(Replication.forNodes(3)).isEqualTo(new Replication((short) 3, 2));
        assertThat(Replication.forNodes(5)).isEqualTo(new Replication((short) 3, 2));
    }

    @Test
    void refusesMoreInSyncReplicasThanCopies() {
        assertThatThrownBy(() -> new Replication((short) 1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Replication.forNodes(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReplicatedTopicCarriesItsFactorAndMinInsyncReplicas() {
        TopicSpec spec = new TopicSpec("user-events", 3, (short) 1, Map.of("retention.ms", "60000"));

        TopicSpec replicated = spec.replicated(Replication.forNodes(3));

        assertThat(replicated.replicationFactor()).isEqualTo((short) 3);
        assertThat(replicated.toNewTopic().configs())
                .containsExactlyInAnyOrderEntriesOf(Map.of("retention.ms", "60000", "min.insync.replicas", "2"));
        assertThat(replicated.toNewTopic().numPartitions()).isEqualTo(3);
    }
}
