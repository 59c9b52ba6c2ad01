package dev.eventpipeline.connectors.kafka;

import dev.eventpipeline.connectors.metrics.PipelineMetrics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.metrics.MetricGroup;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;

/**
 * Shows the Kafka consumer's lag of each partition as a Flink gauge,
 * {@code KafkaSourceReader.topic.<topic>.partition.<p>.recordsLag} (and {@code recordsLagMax}), next to the
 * connector's own {@code currentOffset} and {@code committedOffset}.
 *
 * <p>Why this way: flink-connector-kafka 3.4 reads each partition's {@code records-lag} only to sum it into
 * the reader's {@code pendingRecords}, and copies the consumer's metrics into {@code KafkaSourceReader.KafkaConsumer}
 * by name alone, once, before any partition-level metric exists, so the per-partition lag never reaches
 * Flink. The consumer hands every metric it creates to its {@code metric.reporters}; this reporter, one per
 * consumer, passes the per-partition lag metrics to the Flink metric group that {@link PartitionLagSource}
 * registered for the consumer's {@code client.id}.
 */
public final class PartitionLagReporter implements MetricsReporter {

    static final String FETCH_MANAGER_GROUP = "consumer-fetch-manager-metrics";
    private static final Map<String, String> BRIDGED = Map.of(
            "records-lag", PipelineMetrics.RECORDS_LAG,
            "records-lag-max", PipelineMetrics.RECORDS_LAG_MAX);

    /** The source reader's metric group of each consumer, by client.id (set before the consumer is created). */
    private static final ConcurrentMap<String, Readers> READERS = new ConcurrentHashMap<>();

    private volatile Readers reader;

    /** Where the consumer with {@code clientId} reports its partitions' lag; a later call for the same id replaces it. */
    static void register(String clientId, MetricGroup kafkaSourceReaderGroup) {
        READERS.put(clientId, new Readers(kafkaSourceReaderGroup));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Object clientId = configs.get(CommonClientConfigs.CLIENT_ID_CONFIG);
        // Other clients built from the same properties (the enumerator's admin client) have no reader: ignored.
        reader = clientId == null ? null : READERS.get(clientId.toString());
    }

    @Override
    public void init(List<KafkaMetric> metrics) {
        metrics.forEach(this::metricChange);
    }

    @Override
    public void metricChange(KafkaMetric metric) {
        Readers target = reader;
        MetricName name = metric.metricName();
        String flinkName = BRIDGED.get(name.name());
        if (target == null || flinkName == null || !FETCH_MANAGER_GROUP.equals(name.group())
                || !name.tags().containsKey("topic") || !name.tags().containsKey("partition")) {
            return;
        }
        target.bridge(name.tags().get("topic"), name.tags().get("partition"), flinkName).set(metric);
    }

    @Override
    public void metricRemoval(KafkaMetric metric) {
        Readers target = reader;
        MetricName name = metric.metricName();
        String flinkName = BRIDGED.get(name.name());
        if (target != null && flinkName != null && FETCH_MANAGER_GROUP.equals(name.group())) {
            // The partition left this consumer: its gauge shows no value (NaN) until it comes back.
            target.bridge(name.tags().get("topic"), name.tags().get("partition"), flinkName).compareAndSet(metric, null);
        }
    }

    @Override
    public void close() {}

    /** One reader's gauges; each reads whichever Kafka metric currently stands for it. */
    private static final class Readers {

        private final MetricGroup group;
        private final ConcurrentMap<List<String>, AtomicReference<KafkaMetric>> gauges = new ConcurrentHashMap<>();

        Readers(MetricGroup group) {
            this.group = group;
        }

        AtomicReference<KafkaMetric> bridge(String topic, String partition, String flinkName) {
            return gauges.computeIfAbsent(List.of(topic, partition, flinkName), key -> {
                AtomicReference<KafkaMetric> current = new AtomicReference<>();
                group.addGroup(PipelineMetrics.TOPIC_GROUP, topic)
                        .addGroup(PipelineMetrics.PARTITION_GROUP, partition)
                        .gauge(flinkName, () -> {
                            KafkaMetric metric = current.get();
                            return metric == null ? Double.NaN : ((Number) metric.metricValue()).doubleValue();
                        });
                return current;
            });
        }
    }
}
