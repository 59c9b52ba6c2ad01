package dev.eventpipeline.connectors.kafka;

import java.util.Properties;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.CommonClientConfigs;

/** Builds the Kafka source of raw user events, which shows each partition's lag as a metric ({@link PartitionLagSource}). */
public final class UserEventKafkaSources {

    private UserEventKafkaSources() {}

    public static PartitionLagSource<RawEvent> rawEvents(KafkaSourceSettings settings) {
        Properties properties = new Properties();
        properties.putAll(settings.clientProperties());
        String reporters = properties.getProperty(CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG, "").trim();
        properties.setProperty(CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG,
                (reporters.isEmpty() ? "" : reporters + ",") + PartitionLagReporter.class.getName());
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
        return new PartitionLagSource<>(builder.build(), settings.groupId());
    }
}
