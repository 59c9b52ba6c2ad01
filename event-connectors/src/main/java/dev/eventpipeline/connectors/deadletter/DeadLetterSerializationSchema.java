package dev.eventpipeline.connectors.deadletter;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Writes a dead letter as its original key and bytes, with the reason and source in headers. A
 * record that would exceed the topic's size limit has its value cut to fit (the original size in a
 * header), because a record the broker refuses would fail the job again on every replay.
 */
final class DeadLetterSerializationSchema implements KafkaRecordSerializationSchema<DeadLetter> {

    private static final long serialVersionUID = 1L;

    /** Kafka's per-record overhead and the size header are well below this. */
    private static final int RECORD_OVERHEAD_BYTES = 512;

    private final String topic;
    private final int maxRecordBytes;

    DeadLetterSerializationSchema(String topic, int maxRecordBytes) {
        this.topic = topic;
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        List<Header> headers = new ArrayList<>(List.of(
                header(DeadLetterHeaders.REASON, letter.reason),
                header(DeadLetterHeaders.MESSAGE, letter.message),
                header(DeadLetterHeaders.SOURCE_TOPIC, letter.sourceTopic),
                header(DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(letter.sourcePartition)),
                header(DeadLetterHeaders.SOURCE_OFFSET, Long.toString(letter.sourceOffset)),
                header(DeadLetterHeaders.SOURCE_TIMESTAMP, Long.toString(letter.sourceTimestamp)),
                header(DeadLetterHeaders.REJECTED_AT, Long.toString(letter.rejectedAt))));
        if (letter.replay != null) {
            // A replayed record refused again: its dlq.replay.* headers as it carried them (see ReplayProvenance).
            headers.addAll(letter.replay.headers());
        }
        byte[] value = letter.value;
        int room = maxRecordBytes - RECORD_OVERHEAD_BYTES - length(letter.key) - headerBytes(headers);
        if (value != null && value.length > room) {
            headers.add(header(DeadLetterHeaders.ORIGINAL_BYTES, Integer.toString(value.length)));
            value = Arrays.copyOf(value, Math.max(0, room));
        }
        return new ProducerRecord<>(topic, null, letter.rejectedAt, letter.key, value, headers);
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static int headerBytes(List<Header> headers) {
        int bytes = 0;
        for (Header header : headers) {
            bytes += header.key().length() + length(header.value()) + 8;
        }
        return bytes;
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value == null ? null : value.getBytes(UTF_8));
    }
}
