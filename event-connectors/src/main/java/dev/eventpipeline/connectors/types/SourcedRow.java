package dev.eventpipeline.connectors.types;

import dev.eventpipeline.connectors.kafka.RawEvent;
import dev.eventpipeline.model.UserEventCassandraModel;

/**
 * A row on its way to Cassandra and the Kafka record it came from. The coordinates travel with the
 * row so that a row Cassandra refuses can be dead-lettered with its source, like a payload refused
 * by validation. A record rather than an Immutables value: one allocation per event on the hot path,
 * and {@link SourcedRowSerializer} gives Flink its wire form.
 *
 * @param key the Kafka record key (usually the user_id), or null
 */
public record SourcedRow(
        UserEventCassandraModel row, byte[] key, String topic, int partition, long offset, long timestamp) {

    public static SourcedRow of(UserEventCassandraModel row, RawEvent source) {
        return new SourcedRow(row, source.key, source.topic, source.partition, source.offset, source.timestamp);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset + " " + row.userId() + " " + row.eventTime();
    }
}
