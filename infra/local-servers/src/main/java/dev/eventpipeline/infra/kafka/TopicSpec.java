package dev.eventpipeline.infra.kafka;

import org.apache.kafka.clients.admin.NewTopic;

/** A topic to create: name, partition count and replication factor. */
public record TopicSpec(String name, int partitions, short replicationFactor) {

    public NewTopic toNewTopic() {
        return new NewTopic(name, partitions, replicationFactor);
    }
}
