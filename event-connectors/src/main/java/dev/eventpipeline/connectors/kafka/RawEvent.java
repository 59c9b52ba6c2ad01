package dev.eventpipeline.connectors.kafka;

import dev.eventpipeline.connectors.deadletter.ReplayProvenance;
import java.util.Arrays;
import java.util.Objects;

/**
 * A Kafka record as read, before decoding: the payload and where it came from. A Flink POJO (public
 * fields, no-arg constructor, only native types), so it crosses operators without Kryo.
 */
public class RawEvent {

    public byte[] key;
    public byte[] value;
    public String topic;
    public int partition;
    public long offset;
    /** The Kafka record timestamp, epoch milliseconds. */
    public long timestamp;
    /** Set when the record was sent by `pipeline dlq replay` (its {@code dlq.replay.*} headers); else null. */
    public ReplayProvenance replay;

    public RawEvent() {}

    public RawEvent(byte[] key, byte[] value, String topic, int partition, long offset, long timestamp) {
        this.key = key;
        this.value = value;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
    }

    public RawEvent(byte[] key, byte[] value, String topic, int partition, long offset, long timestamp,
            ReplayProvenance replay) {
        this(key, value, topic, partition, offset, timestamp);
        this.replay = replay;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawEvent that
                && Arrays.equals(key, that.key)
                && Arrays.equals(value, that.value)
                && Objects.equals(topic, that.topic)
                && partition == that.partition
                && offset == that.offset
                && timestamp == that.timestamp
                && Objects.equals(replay, that.replay);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
