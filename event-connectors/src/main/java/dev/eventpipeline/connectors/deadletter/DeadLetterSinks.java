package dev.eventpipeline.connectors.deadletter;

import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/** Builds the Kafka sink for dead letters. */
public final class DeadLetterSinks {

    private DeadLetterSinks() {}

    /**
     * At least once: the sink flushes its producer before a checkpoint completes, so a dead letter
     * is in Kafka before the source offsets that produced it are committed.
     */
    public static KafkaSink<DeadLetter> kafka(DeadLetterSinkSettings settings) {
        Properties properties = new Properties();
        properties.putAll(settings.clientProperties());
        properties.putIfAbsent("enable.idempotence", "true");
        properties.putIfAbsent("acks", "all");
        properties.putIfAbsent("compression.type", "lz4");
        // The record-size bound is the schema's (maxRecordBytes); the client must not be stricter.
        properties.putIfAbsent("max.request.size", Integer.toString(settings.maxRecordBytes() + 64 * 1024));
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setKafkaProducerConfig(properties)
                .setRecordSerializer(new DeadLetterSerializationSchema(settings.topic(), settings.maxRecordBytes()))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
