package dev.eventpipeline.connectors.kafka;

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

    public RawEvent() {}

    public RawEvent(byte[] key, byte[] value, String topic, int partition, long offset, long timestamp) {
        this.key = key;
        this.value = value;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawEvent that
                && Arrays.equals(key, that.key)
                && Arrays.equals(value, that.value)
                && Objects.equals(topic, that.topic)
                && partition == that.partition
                && offset == that.offset
                && timestamp == that.timestamp;
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
