package dev.eventpipeline.infra.cli;

import dev.eventpipeline.infra.generate.EventGenerator;
import dev.eventpipeline.infra.generate.GeneratedRecord;
import dev.eventpipeline.infra.generate.Pacer;
import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.transform.BucketDates;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends generated records to Kafka, paced, with a live progress line. A record counts as sent once
 * Kafka acknowledged it (acks=all). Counts the rows each (user, day) partition should get; with
 * {@code track}, also remembers what each acknowledged record must become (a row, or a dead letter
 * with its reason, by partition and offset) for the demo to check against the dead-letter topic.
 */
final class EventSender {

    /** A row's partition key in {@code user_events}. */
    record Partition(UUID userId, LocalDate bucketDate) {}

    /** What was sent. {@code fateByOffset} is filled only when tracking. */
    record Report(long validSent, long invalidSent, Map<RejectReason, Long> invalidByReason,
            Map<Partition, Long> rowsByPartition, Map<Long, Optional<RejectReason>> fateByOffset, Duration elapsed,
            boolean interrupted) {

        long sent() {
            return validSent + invalidSent;
        }

        /** The (user, day) with the most valid events. */
        Optional<Map.Entry<Partition, Long>> busiest() {
            return rowsByPartition.entrySet().stream().max(Map.Entry.comparingByValue());
        }

        double eventsPerSecond() {
            return sent() / Math.max(1e-3, elapsed.toNanos() / 1e9);
        }

        /** One key for a record's source coordinates, as the dead-letter headers give them. */
        static long coordinates(int partition, long offset) {
            return ((long) partition << 48) | offset;
        }
    }

    private final Map<String, Object> clientProperties;
    private final String topic;

    /** @param clientProperties {@code bootstrap.servers} and, for a secured Kafka, its security settings */
    EventSender(Map<String, Object> clientProperties, String topic) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.topic = topic;
    }

    /**
     * Sends {@code count} records from {@code generator} at {@code rate} per second (0: as fast as
     * possible) and waits for every acknowledgement. Stops early, still waiting for what is in flight,
     * when {@code stop} is set. A send that Kafka refuses fails the whole run.
     */
    Report send(EventGenerator generator, long count, double rate, boolean track, StatusLine status, AtomicBoolean stop) {
        AtomicLong valid = new AtomicLong();
        AtomicLong invalid = new AtomicLong();
        Map<RejectReason, Long> byReason = new EnumMap<>(RejectReason.class);
        Map<Partition, Long> rows = new HashMap<>();
        Map<Long, Optional<RejectReason>> fates = new HashMap<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Pacer pacer = new Pacer(rate);
        long start;
        long lastStatus = 0;
        boolean interrupted = false;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties(),
                new StringSerializer(), new ByteArraySerializer())) {
            // Fetch the topic's metadata before the clock starts, so the rate is the sending rate.
            producer.partitionsFor(topic);
            start = System.nanoTime();
            for (long i = 0; i < count; i++) {
                if (stop.get() || failure.get() != null || Thread.currentThread().isInterrupted()) {
                    interrupted = failure.get() == null;
                    break;
                }
                pacer.awaitTurn();
                GeneratedRecord record = generator.next();
                producer.send(new ProducerRecord<>(topic, record.key(), record.value()), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                        return;
                    }
                    synchronized (fates) {
                        if (record.isValid()) {
                            valid.incrementAndGet();
                        } else {
                            invalid.incrementAndGet();
                            byReason.merge(record.expectedRejection().orElseThrow(), 1L, Long::sum);
                        }
                        if (track) {
                            fates.put(Report.coordinates(metadata.partition(), metadata.offset()), record.expectedRejection());
                        }
                        // At most users x days entries, so kept even for long runs.
                        record.event().ifPresent(event -> rows.merge(new Partition(event.userId(),
                                BucketDates.bucketDateOf(event.eventTime().truncatedTo(ChronoUnit.MILLIS))), 1L, Long::sum));
                    }
                });
                if (System.nanoTime() - lastStatus > 200_000_000L) {
                    lastStatus = System.nanoTime();
                    status.update(progress(valid.get() + invalid.get(), count, start));
                }
            }
            producer.flush();
        }
        status.clear();
        if (failure.get() != null) {
            throw new IllegalStateException("Kafka refused a record (" + (valid.get() + invalid.get())
                    + " were sent before): " + failure.get().getMessage(), failure.get());
        }
        synchronized (fates) {
            return new Report(valid.get(), invalid.get(), Map.copyOf(byReason), Map.copyOf(rows), Map.copyOf(fates),
                    Duration.ofNanos(System.nanoTime() - start), interrupted);
        }
    }

    private String progress(long sent, long count, long start) {
        double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
        return String.format(Locale.ROOT, "sending: %,d / %,d sent  (%,.0f events/s, %.1f s)", sent, count,
                sent / seconds, seconds);
    }

    private Properties producerProperties() {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024));
        // Fail fast with a clear message when Kafka is not there, instead of waiting a minute.
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "pipeline-generate");
        return properties;
    }
}
