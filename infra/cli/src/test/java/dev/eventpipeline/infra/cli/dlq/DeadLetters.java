package dev.eventpipeline.infra.cli.dlq;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.eventpipeline.connectors.deadletter.DeadLetterHeaders;
import dev.eventpipeline.connectors.deadletter.ReplayProvenance;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Dead-letter records as the job writes them, for the tests. */
final class DeadLetters {

    private DeadLetters() {}

    /** A dead letter at user-events-dlq-0@{@code offset}, refused from user-events-{@code sourcePartition}@{@code sourceOffset}. */
    static ConsumerRecord<byte[], byte[]> record(long offset, long timestamp, String reason, int sourcePartition,
            long sourceOffset, ReplayProvenance replay, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, DeadLetterHeaders.REASON, reason);
        add(headers, DeadLetterHeaders.MESSAGE, "why " + reason);
        add(headers, DeadLetterHeaders.SOURCE_TOPIC, "user-events");
        add(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(sourcePartition));
        add(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(sourceOffset));
        add(headers, DeadLetterHeaders.SOURCE_TIMESTAMP, Long.toString(timestamp - 5));
        add(headers, DeadLetterHeaders.REJECTED_AT, Long.toString(timestamp));
        if (replay != null) {
            replay.headers().forEach(headers::add);
        }
        return new ConsumerRecord<>("user-events-dlq", 0, offset, timestamp, TimestampType.CREATE_TIME, 3,
                value == null ? -1 : value.length, "user-1".getBytes(UTF_8), value, headers, Optional.empty());
    }

    static DeadLetterRecord letter(long offset, long timestamp, String reason, int sourcePartition, long sourceOffset,
            ReplayProvenance replay) {
        return DeadLetterRecord.of(record(offset, timestamp, reason, sourcePartition, sourceOffset, replay,
                ("{\"n\":" + sourceOffset + "}").getBytes(UTF_8)));
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(new RecordHeader(name, value.getBytes(UTF_8)));
    }
}
