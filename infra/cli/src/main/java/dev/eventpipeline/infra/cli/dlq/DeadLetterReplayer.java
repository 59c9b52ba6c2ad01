package dev.eventpipeline.infra.cli.dlq;

import dev.eventpipeline.connectors.deadletter.ReplayProvenance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends dead letters' payloads back to their source topic: the original key and bytes, partitioned by key as
 * producers do, with {@code dlq.replay.*} headers ({@link #record}). Idempotent producer, acks=all: a send the
 * broker acknowledged is there once.
 */
public final class DeadLetterReplayer implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;

    public DeadLetterReplayer(Map<String, Object> clientProperties) {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "pipeline-dlq-replay");
        properties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "20");
        properties.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(2 * 1024 * 1024));
        this.producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * The record replaying {@code letter} to {@code topic}: its key and value, and as provenance one attempt more
     * than the dead letter had and the event's original coordinates, so a dead letter the job makes of it again
     * carries both (and {@link ReplayPlan} stops at the limit).
     */
    public static ProducerRecord<byte[], byte[]> record(DeadLetterRecord letter, String topic) {
        DeadLetterRecord.Coordinates origin = letter.origin();
        ReplayProvenance provenance = new ReplayProvenance(letter.attempts() + 1, origin.topic(), origin.partition(),
                origin.offset());
        return new ProducerRecord<>(topic, null, null, letter.key(), letter.value(), provenance.headers());
    }

    /** Sends them all and waits for every acknowledgement; {@code acknowledged} hears the count as it grows. */
    public void send(List<ProducerRecord<byte[], byte[]>> records, LongConsumer acknowledged) throws InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
        for (ProducerRecord<byte[], byte[]> record : records) {
            sent.add(producer.send(record, (metadata, error) -> {
                if (error == null) {
                    acknowledged.accept(done.incrementAndGet());
                }
            }));
        }
        producer.flush();
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("replaying to " + records.get(0).topic() + " failed after " + done.get()
                        + " of " + records.size() + " records: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
