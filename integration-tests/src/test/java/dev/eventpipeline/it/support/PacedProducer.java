package dev.eventpipeline.it.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends a fixed list of records at a steady rate from its own thread, as live traffic would, and
 * keeps every send's acknowledgement so the test knows exactly what reached Kafka. The producer is
 * idempotent with acks=all and generous delivery timeouts, so a broker restart delays sends but
 * neither loses nor doubles them.
 */
public final class PacedProducer implements AutoCloseable {

    private final List<? extends Map.Entry<byte[], byte[]>> records;
    private final String topic;
    private final int perSecond;
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<Future<RecordMetadata>> acknowledgements;
    private final AtomicInteger sent = new AtomicInteger();
    private final Thread thread;
    private volatile RuntimeException failure;

    public PacedProducer(String bootstrapServers, String topic, List<? extends Map.Entry<byte[], byte[]>> records,
            int perSecond) {
        this.records = records;
        this.topic = topic;
        this.perSecond = perSecond;
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 180_000);
        this.producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
        this.acknowledgements = new ArrayList<>(records.size());
        this.thread = new Thread(this::run, "paced-producer-" + topic);
        this.thread.setDaemon(true);
    }

    public PacedProducer start() {
        thread.start();
        return this;
    }

    private void run() {
        long start = System.nanoTime();
        long nanosPerRecord = TimeUnit.SECONDS.toNanos(1) / perSecond;
        try {
            for (int i = 0; i < records.size() && !Thread.currentThread().isInterrupted(); i++) {
                long due = start + i * nanosPerRecord;
                long early = due - System.nanoTime();
                if (early > 0) {
                    LockSupport.parkNanos(early); // pacing the traffic, not waiting for an outcome
                }
                Map.Entry<byte[], byte[]> record = records.get(i);
                Future<RecordMetadata> ack = producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue()));
                synchronized (acknowledgements) {
                    acknowledgements.add(ack);
                }
                sent.incrementAndGet();
            }
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** Records handed to the producer so far. */
    public int sent() {
        return sent.get();
    }

    /** Waits until every record was sent and acknowledged by the broker; fails if any was not. */
    public void awaitAllAcknowledged(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            throw new TimeoutException("only " + sent() + " of " + records.size() + " records sent within " + timeout);
        }
        if (failure != null) {
            throw new IllegalStateException("sending failed after " + sent() + " records", failure);
        }
        producer.flush();
        List<Future<RecordMetadata>> all;
        synchronized (acknowledgements) {
            all = List.copyOf(acknowledgements);
        }
        for (Future<RecordMetadata> ack : all) {
            try {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a record was not acknowledged", e.getCause());
            }
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        producer.close(Duration.ofSeconds(10));
    }
}
