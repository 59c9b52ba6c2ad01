package dev.eventpipeline.connectors.kafka;

import java.util.Properties;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

/** Builds the Kafka source of raw user events. */
public final class UserEventKafkaSources {

    private UserEventKafkaSources() {}

    public static KafkaSource<RawEvent> rawEvents(KafkaSourceSettings settings) {
        Properties properties = new Properties();
        properties.putAll(settings.clientProperties());
        properties.setProperty("partition.discovery.interval.ms",
                Long.toString(settings.partitionDiscoveryInterval().toMillis()));
        KafkaSourceBuilder<RawEvent> builder = KafkaSource.<RawEvent>builder()
                .setProperties(properties)
                .setBootstrapServers(settings.bootstrapServers())
                .setTopics(settings.topic())
                .setGroupId(settings.groupId())
                .setClientIdPrefix(settings.groupId())
                .setStartingOffsets(settings.startingOffsets().toInitializer())
                .setDeserializer(new RawEventDeserializationSchema());
        if (settings.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }
}
