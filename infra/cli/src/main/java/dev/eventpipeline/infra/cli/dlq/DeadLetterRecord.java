package dev.eventpipeline.infra.cli.dlq;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.eventpipeline.connectors.deadletter.DeadLetterHeaders;
import dev.eventpipeline.connectors.deadletter.ReplayProvenance;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * One record of the dead-letter topic with its headers decoded (see {@link DeadLetterHeaders}). Headers a
 * record lacks are null: the topic may hold records the job did not write.
 *
 * @param partition the dead letter's own partition in the dead-letter topic
 * @param offset its own offset there
 * @param timestamp its record timestamp (the job sets it to when it refused the payload)
 * @param originalBytes the payload's size when the job had to cut it to fit the topic; such a dead letter cannot be replayed
 * @param attempts how many replays of the event were refused already: 0 for an original dead letter
 * @param origin the event's first record, before any replay: one event's dead letters share it
 */
public record DeadLetterRecord(String topic, int partition, long offset, Instant timestamp, byte[] key, byte[] value,
        String reason, String message, Coordinates source, Instant sourceTimestamp, Integer originalBytes, int attempts,
        Coordinates origin) {

    /** Shown for a record without a {@code dlq.reason} header. */
    public static final String NO_REASON = "(none)";

    /** A record's place in a topic. */
    public record Coordinates(String topic, int partition, long offset) implements Comparable<Coordinates> {
        @Override
        public String toString() {
            return topic + "-" + partition + "@" + offset;
        }

        @Override
        public int compareTo(Coordinates other) {
            int byTopic = topic.compareTo(other.topic);
            if (byTopic != 0) {
                return byTopic;
            }
            return partition != other.partition ? Integer.compare(partition, other.partition) : Long.compare(offset, other.offset);
        }
    }

    public static DeadLetterRecord of(ConsumerRecord<byte[], byte[]> record) {
        Headers headers = record.headers();
        String reason = text(headers, DeadLetterHeaders.REASON);
        Coordinates own = new Coordinates(record.topic(), record.partition(), record.offset());
        Coordinates source = null;
        String sourceTopic = text(headers, DeadLetterHeaders.SOURCE_TOPIC);
        Integer sourcePartition = integer(headers, DeadLetterHeaders.SOURCE_PARTITION);
        Long sourceOffset = number(headers, DeadLetterHeaders.SOURCE_OFFSET);
        if (sourceTopic != null && sourcePartition != null && sourceOffset != null) {
            source = new Coordinates(sourceTopic, sourcePartition, sourceOffset);
        }
        Long sourceTimestamp = number(headers, DeadLetterHeaders.SOURCE_TIMESTAMP);
        ReplayProvenance replay = ReplayProvenance.fromHeaders(headers);
        Coordinates origin = replay != null
                ? new Coordinates(replay.originTopic, replay.originPartition, replay.originOffset)
                : source != null ? source : own; // without its source, a dead letter is only itself
        return new DeadLetterRecord(record.topic(), record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                record.key(), record.value(), reason == null ? NO_REASON : reason, text(headers, DeadLetterHeaders.MESSAGE),
                source, sourceTimestamp == null ? null : Instant.ofEpochMilli(sourceTimestamp),
                integer(headers, DeadLetterHeaders.ORIGINAL_BYTES), replay == null ? 0 : replay.attempt, origin);
    }

    /** Where the dead letter itself is: the dead-letter topic, its partition and offset. */
    public Coordinates coordinates() {
        return new Coordinates(topic, partition, offset);
    }

    /** Whether it holds the whole payload: not cut to fit the topic, not a null value. */
    public boolean wholePayload() {
        return originalBytes == null && value != null;
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), UTF_8);
    }

    private static Integer integer(Headers headers, String name) {
        Long value = number(headers, name);
        return value == null || value != value.intValue() ? null : value.intValue();
    }

    private static Long number(Headers headers, String name) {
        String text = text(headers, name);
        try {
            return text == null ? null : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
