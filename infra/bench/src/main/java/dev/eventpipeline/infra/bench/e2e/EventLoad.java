package dev.eventpipeline.infra.bench.e2e;

import dev.eventpipeline.infra.generate.GeneratedRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Produces generated records to Kafka (JSON keyed by user_id): all at once, or at a fixed rate. */
final class EventLoad implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;

    /** {@code lingerMs} 20 for bulk loading, a few ms for latency runs (it counts as latency). */
    EventLoad(String bootstrapServers, int lingerMs) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    void sendAll(String topic, List<GeneratedRecord> records) {
        for (GeneratedRecord record : records) {
            send(topic, record, System.currentTimeMillis());
        }
        producer.flush();
    }

    /** Sends one record with an explicit record timestamp (epoch ms). */
    void send(String topic, GeneratedRecord record, long timestampMillis) {
        producer.send(new ProducerRecord<>(topic, null, timestampMillis,
                record.key().getBytes(StandardCharsets.UTF_8), record.value()));
    }

    /**
     * Sends {@code count} records from {@code next} at {@code ratePerSecond}; {@code sent} sees each
     * record with its record timestamp.
     */
    void paced(String topic, double ratePerSecond, long count, Supplier<GeneratedRecord> next, Sent sent) {
        long start = System.nanoTime();
        long done = 0;
        while (done < count) {
            long due = Math.min(count, (long) ((System.nanoTime() - start) / 1e9 * ratePerSecond));
            while (done < due) {
                GeneratedRecord record = next.get();
                long now = System.currentTimeMillis();
                send(topic, record, now);
                sent.accept(record, now);
                done++;
            }
            LockSupport.parkNanos(500_000);
        }
        producer.flush();
    }

    interface Sent {
        void accept(GeneratedRecord record, long timestampMillis);
    }

    @Override
    public void close() {
        producer.close();
    }
}
