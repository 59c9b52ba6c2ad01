package dev.eventpipeline.connectors.types;

import dev.eventpipeline.connectors.deadletter.ReplayProvenance;
import dev.eventpipeline.connectors.kafka.RawEvent;
import dev.eventpipeline.model.UserEventCassandraModel;

/**
 * A row on its way to Cassandra and the Kafka record it came from. The coordinates travel with the
 * row so that a row Cassandra refuses can be dead-lettered with its source, like a payload refused
 * by validation. A record rather than an Immutables value: one allocation per event on the hot path,
 * and {@link SourcedRowSerializer} gives Flink its wire form.
 *
 * @param key the Kafka record key (usually the user_id), or null
 * @param replay the source record's replay provenance (`pipeline dlq replay`), or null
 */
public record SourcedRow(UserEventCassandraModel row, byte[] key, String topic, int partition, long offset,
        long timestamp, ReplayProvenance replay) {

    /** A row from a record that was not a replay. */
    public SourcedRow(UserEventCassandraModel row, byte[] key, String topic, int partition, long offset, long timestamp) {
        this(row, key, topic, partition, offset, timestamp, null);
    }

    public static SourcedRow of(UserEventCassandraModel row, RawEvent source) {
        return new SourcedRow(row, source.key, source.topic, source.partition, source.offset, source.timestamp,
                source.replay);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset + " " + row.userId() + " " + row.eventTime();
    }
}
