package dev.eventpipeline.infra.cli;

import dev.eventpipeline.model.RejectReason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the dead-letter topic from the offsets it had before a run and matches each record to the
 * run's own records by its source coordinates ({@code dlq.source.topic/partition/offset} headers), so
 * dead letters of earlier runs or other producers are not counted, and a dead letter written twice
 * (the sink is at-least-once) counts once.
 */
final class DeadLetterCounter implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String sourceTopic;
    private final Map<Long, Optional<RejectReason>> fateByOffset;
    private final Set<Long> seen = new HashSet<>();
    private final Map<RejectReason, Long> byReason = new EnumMap<>(RejectReason.class);
    private long wrongReason;
    private long validDeadLettered;

    /** Remembers where the dead-letter topic ends now; call before sending. */
    DeadLetterCounter(Map<String, Object> clientProperties, String deadLetterTopic, String sourceTopic) {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "pipeline-demo-dlq");
        this.consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.sourceTopic = sourceTopic;
        this.fateByOffset = new HashMap<>();
        List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.endOffsets(partitions, Duration.ofSeconds(30)).forEach(consumer::seek);
    }

    /** What each record sent in this run must become: a row (empty) or a dead letter with that reason. */
    void expect(Map<Long, Optional<RejectReason>> fates) {
        fateByOffset.putAll(fates);
    }

    /** Reads what has arrived since the last call (waiting at most {@code timeout}); returns the run's dead letters so far. */
    long poll(Duration timeout) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            if (!sourceTopic.equals(header(record, "dlq.source.topic"))) {
                continue;
            }
            long coordinates;
            try {
                coordinates = EventSender.Report.coordinates(Integer.parseInt(header(record, "dlq.source.partition")),
                        Long.parseLong(header(record, "dlq.source.offset")));
            } catch (NumberFormatException e) {
                continue;
            }
            Optional<RejectReason> fate = fateByOffset.get(coordinates);
            if (fate == null || !seen.add(coordinates)) {
                continue; // not ours, or a duplicate
            }
            if (fate.isEmpty()) {
                validDeadLettered++;
                continue;
            }
            String reason = header(record, "dlq.reason");
            byReason.merge(fate.get(), 1L, Long::sum);
            if (!fate.get().name().equals(reason)) {
                wrongReason++;
            }
        }
        return deadLettered();
    }

    /** The run's invalid records found in the dead-letter topic. */
    long deadLettered() {
        return byReason.values().stream().mapToLong(Long::longValue).sum();
    }

    Map<RejectReason, Long> byReason() {
        return Map.copyOf(byReason);
    }

    /** Dead letters whose reason header differs from the reason the payload was built for. */
    long wrongReason() {
        return wrongReason;
    }

    /** Valid records of the run that were dead-lettered anyway (a bug if ever non-zero). */
    long validDeadLettered() {
        return validDeadLettered;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
