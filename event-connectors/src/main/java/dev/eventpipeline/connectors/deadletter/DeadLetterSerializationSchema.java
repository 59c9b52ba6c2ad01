package dev.eventpipeline.connectors.deadletter;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/** Writes a dead letter as its original key and bytes, with the reason and source in headers. */
final class DeadLetterSerializationSchema implements KafkaRecordSerializationSchema<DeadLetter> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    DeadLetterSerializationSchema(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        List<Header> headers = List.of(
                header(DeadLetterHeaders.REASON, letter.reason),
                header(DeadLetterHeaders.MESSAGE, letter.message),
                header(DeadLetterHeaders.SOURCE_TOPIC, letter.sourceTopic),
                header(DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(letter.sourcePartition)),
                header(DeadLetterHeaders.SOURCE_OFFSET, Long.toString(letter.sourceOffset)),
                header(DeadLetterHeaders.SOURCE_TIMESTAMP, Long.toString(letter.sourceTimestamp)),
                header(DeadLetterHeaders.REJECTED_AT, Long.toString(letter.rejectedAt)));
        return new ProducerRecord<>(topic, null, letter.rejectedAt, letter.key, letter.value, headers);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value == null ? null : value.getBytes(UTF_8));
    }
}
