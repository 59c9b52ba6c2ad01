package dev.eventpipeline.infra.cli.dlq;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the dead-letter topic with a plain consumer: every partition assigned, no consumer group, nothing
 * committed, so reading never moves anyone's offsets. A range starts at the first record at or after
 * {@code since} (by timestamp, {@code offsetsForTimes}) and ends at the end offsets taken when it starts, so it
 * terminates even while the job keeps writing.
 */
public final class DeadLetterReader implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;

    public DeadLetterReader(Map<String, Object> clientProperties, String topic) {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "pipeline-dlq");
        properties.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(2 * 1024 * 1024));
        this.consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            this.partitions = Optional.ofNullable(consumer.listTopics(TIMEOUT).get(topic)).orElseThrow(() ->
                            new IllegalStateException("topic " + topic + " does not exist (or this user may not describe it)"))
                    .stream().map(info -> new TopicPartition(topic, info.partition())).toList();
        } catch (RuntimeException e) {
            consumer.close(Duration.ofSeconds(5));
            throw e;
        }
        consumer.assign(partitions);
    }

    /**
     * Every dead letter from {@code since} (or the beginning) up to the end of the topic as it is now, in
     * partition order within each poll; returns how many were read.
     */
    public long readRange(Optional<Instant> since, Consumer<DeadLetterRecord> each) {
        seek(since);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
        long read = 0;
        while (partitions.stream().anyMatch(partition -> consumer.position(partition, TIMEOUT) < end.get(partition))) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < end.get(partition)) {
                    each.accept(DeadLetterRecord.of(record));
                    read++;
                }
            }
            // a partition read to its end must not deliver what arrives later: pause it
            consumer.pause(partitions.stream()
                    .filter(partition -> consumer.position(partition, TIMEOUT) >= end.get(partition)).toList());
        }
        consumer.resume(partitions);
        return read;
    }

    /** Keeps reading what arrives, from where {@link #readRange} ended, until {@code stop} says so. */
    public void follow(Consumer<DeadLetterRecord> each, BooleanSupplier stop) {
        while (!stop.getAsBoolean()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                each.accept(DeadLetterRecord.of(record));
            }
        }
    }

    private void seek(Optional<Instant> since) {
        if (since.isEmpty()) {
            consumer.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(partition -> query.put(partition, since.get().toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, TIMEOUT);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp first = found.get(partition);
            consumer.seek(partition, first != null ? first.offset() : end.get(partition)); // nothing that late: the end
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
