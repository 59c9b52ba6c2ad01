package dev.eventpipeline.connectors.deadletter;

import java.util.Map;
import java.util.Properties;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Builds the Kafka sink for dead letters. */
public final class DeadLetterSinks {

    /**
     * How long {@code send} may block the task thread waiting for the dead-letter topic's metadata
     * (the topic was deleted, or never created: brokers should not create topics on demand) or for
     * buffer space. With Kafka's 60 s default a deleted topic gave 60 s of a RUNNING job doing
     * nothing, checkpoints stalled, before the first failure (measured: 60.1 s), and as long again
     * after every restart while the topic was missing.
     */
    static final long MAX_BLOCK_MS = 10_000;

    /**
     * How long a dead letter the producer has already accepted may take to be acknowledged, retries
     * included. When the topic goes away under such a dead letter, the next checkpoint's flush waits
     * this long before it fails: with Kafka's 120 s default one dead letter froze the job for 122 s
     * (measured), with 30 s for 32 s. Together the two bound the time from the first dead letter that
     * cannot be written to the job's failure at about 30 s (16.6-24.5 s measured in scenario 8,
     * docs/reliability.md). Raised to {@code linger.ms + request.timeout.ms} when those are set
     * higher, as the producer requires.
     */
    static final long DELIVERY_TIMEOUT_MS = 30_000;

    private DeadLetterSinks() {}

    /**
     * At least once (the default): the sink flushes its producer before a checkpoint completes, so a dead letter
     * is in Kafka before the source offsets that produced it are committed.
     *
     * <p>If the dead-letter topic is missing (deleted, or unreachable while the rest of the
     * pipeline is fine), a dead letter cannot be written: the producer fails it after
     * {@link #MAX_BLOCK_MS} or {@link #DELIVERY_TIMEOUT_MS}, with an error naming the topic, that
     * fails the job before any later checkpoint completes. The job restarts from its last checkpoint
     * (exponential-delay restarts) until the topic is back, then writes every dead letter of the
     * replay; nothing is lost, and valid rows wait meanwhile. Both limits can be overridden with
     * {@code kafka.property.max.block.ms} and {@code kafka.property.delivery.timeout.ms}.
     *
     * <p>Exactly once ({@link DeadLetterGuarantee#EXACTLY_ONCE}): each subtask writes into a Kafka
     * transaction ({@code <transactionalIdPrefix>-<subtask>-<checkpoint>}) that is prepared with the
     * checkpoint and committed when the checkpoint completes; after a failure the restored job commits
     * what its checkpoint prepared and aborts the rest, so a {@code read_committed} consumer sees each
     * dead letter once.
     */
    public static KafkaSink<DeadLetter> kafka(DeadLetterSinkSettings settings) {
        KafkaSinkBuilder<DeadLetter> builder = KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setKafkaProducerConfig(producerProperties(settings))
                .setRecordSerializer(new DeadLetterSerializationSchema(settings.topic(), settings.maxRecordBytes()))
                .setDeliveryGuarantee(settings.deliveryGuarantee().flinkGuarantee());
        if (settings.deliveryGuarantee() == DeadLetterGuarantee.EXACTLY_ONCE) {
            builder.setTransactionalIdPrefix(settings.transactionalIdPrefix());
        }
        return builder.build();
    }

    /**
     * As {@link #kafka}, for the dead letters of rows Cassandra refused, which reach the topic through the
     * Cassandra sink's own post-commit stage: a second Kafka sink, whose transactions (exactly once) are
     * named apart from the first's with {@link DeadLetterSinkSettings#REFUSED_ROWS_SUFFIX}.
     */
    public static KafkaSink<DeadLetter> kafkaForRefusedRows(DeadLetterSinkSettings settings) {
        return kafka(ImmutableDeadLetterSinkSettings.copyOf(settings)
                .withTransactionalIdPrefix(settings.transactionalIdPrefix() + DeadLetterSinkSettings.REFUSED_ROWS_SUFFIX));
    }

    /**
     * The dead-letter producer's properties: the user's client properties, then these defaults; for
     * exactly once, what transactions need replaces the user's (the job's configuration refuses
     * settings that contradict it, naming them).
     */
    static Properties producerProperties(DeadLetterSinkSettings settings) {
        Properties properties = new Properties();
        properties.putAll(settings.clientProperties());
        if (settings.deliveryGuarantee() == DeadLetterGuarantee.EXACTLY_ONCE) {
            // Transactions need an idempotent producer at acks=all; the sink names the transactions itself.
            properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
            // Always set: the sink's builder would otherwise ask for 1 h, which default brokers refuse.
            properties.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(settings.transactionTimeout().toMillis()));
        }
        properties.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        properties.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // The record-size bound is the schema's (maxRecordBytes); the client must not be stricter.
        properties.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(settings.maxRecordBytes() + 64 * 1024));
        properties.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(MAX_BLOCK_MS));
        properties.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(Math.max(DELIVERY_TIMEOUT_MS,
                millis(properties, ProducerConfig.LINGER_MS_CONFIG) + millis(properties, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG))));
        return properties;
    }

    /** A producer setting in milliseconds: the user's value, else Kafka's default. */
    private static long millis(Properties properties, String name) {
        Object value = properties.get(name);
        if (value == null) {
            Map<String, Object> defaults = ProducerConfig.configDef().defaultValues();
            value = defaults.get(name);
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Kafka producer property " + name + " is not a number of milliseconds: "
                    + value, e);
        }
    }
}
