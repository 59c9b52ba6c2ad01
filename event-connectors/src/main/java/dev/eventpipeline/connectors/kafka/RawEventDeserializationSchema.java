package dev.eventpipeline.connectors.kafka;

import dev.eventpipeline.connectors.deadletter.ReplayProvenance;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Passes every Kafka record on as a {@link RawEvent}, bytes untouched. Decoding happens in an
 * operator of its own, so a bad payload becomes a dead letter instead of failing the source. Of the
 * headers only a replay's provenance ({@code dlq.replay.*}) is kept, for the dead letter it may become.
 */
public final class RawEventDeserializationSchema implements KafkaRecordDeserializationSchema<RawEvent> {

    private static final long serialVersionUID = 1L;
    private static final byte[] EMPTY = new byte[0];

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawEvent> out) {
        out.collect(new RawEvent(record.key(), record.value() == null ? EMPTY : record.value(),
                record.topic(), record.partition(), record.offset(), record.timestamp(),
                ReplayProvenance.fromHeaders(record.headers())));
    }

    @Override
    public TypeInformation<RawEvent> getProducedType() {
        return TypeInformation.of(RawEvent.class);
    }
}
