package dev.eventpipeline.infra.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** A topic to create: name, partition count, replication factor and topic-level configs (e.g. min ISR). */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    public TopicSpec {
        configs = Map.copyOf(configs);
    }

    /** A topic with the broker's defaults for everything but its partitions and replication factor. */
    public TopicSpec(String name, int partitions, short replicationFactor) {
        this(name, partitions, replicationFactor, Map.of());
    }

    /**
     * The same topic on a cluster with the given replication: its factor, and {@code min.insync.replicas}
     * set on the topic itself so it holds even where the broker default differs.
     */
    public TopicSpec replicated(Replication replication) {
        Map<String, String> withMinIsr = new LinkedHashMap<>(configs);
        withMinIsr.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(replication.minInsyncReplicas()));
        return new TopicSpec(name, partitions, replication.factor(), withMinIsr);
    }

    public NewTopic toNewTopic() {
        return new NewTopic(name, partitions, replicationFactor).configs(configs);
    }
}
