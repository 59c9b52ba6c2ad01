package dev.eventpipeline.connectors.deadletter;

import dev.eventpipeline.connectors.secrets.Secrets;
import dev.eventpipeline.model.kafka.UserEventRecords;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.immutables.value.Value;

/** Where dead letters go. */
@Value.Immutable
public abstract class DeadLetterSinkSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The brokers' default transaction.max.timeout.ms: the longest a default broker accepts. */
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    /**
     * Kafka's protocol carries a transactional id as a string of at most 32,767 UTF-8 bytes, and the
     * sink appends {@code -<subtask>-<checkpoint id>} (at most 31 more). The Kafka sink's builder
     * allows 64,000, which such an id would not fit. The dead letters of rows Cassandra refused go
     * through a second sink whose prefix adds {@link #REFUSED_ROWS_SUFFIX}.
     */
    public static final String REFUSED_ROWS_SUFFIX = "-refused";
    public static final int MAX_TRANSACTIONAL_ID_PREFIX_BYTES = 32_767 - 31 - REFUSED_ROWS_SUFFIX.length();

    public abstract String bootstrapServers();

    @Value.Default
    public String topic() {
        return UserEventRecords.DEFAULT_DEAD_LETTER_TOPIC;
    }

    /**
     * The largest dead-letter record written. Kafka's default topic limit is 1,048,588 bytes; a
     * record beyond the topic's limit would fail the job on every replay, so a larger payload is
     * cut to fit and its original size recorded in a header. Raise it together with the topic's
     * {@code max.message.bytes} to keep such payloads whole.
     */
    @Value.Default
    public int maxRecordBytes() {
        return 1_000_000;
    }

    /** At least once (the default) or exactly once for a {@code read_committed} consumer. */
    @Value.Default
    public DeadLetterGuarantee deliveryGuarantee() {
        return DeadLetterGuarantee.AT_LEAST_ONCE;
    }

    /**
     * With {@link DeadLetterGuarantee#EXACTLY_ONCE}: the producer's {@code transaction.timeout.ms}. A
     * transaction stays open from the first dead letter after one checkpoint until the next
     * checkpoint completes, and after a failure until the restarted job commits it; a transaction
     * older than this is aborted by the broker and its dead letters are lost. Kafka's brokers refuse
     * one longer than their {@code transaction.max.timeout.ms} (15 min by default), which is why this
     * is always set: the Kafka sink's own default (1 h) would be refused.
     */
    @Value.Default
    public Duration transactionTimeout() {
        return DEFAULT_TRANSACTION_TIMEOUT;
    }

    /**
     * With {@link DeadLetterGuarantee#EXACTLY_ONCE}: the start of every transactional id the sink uses
     * ({@code <prefix>-<subtask>-<checkpoint>}). Unique per job on a Kafka cluster: two jobs with one
     * prefix fence each other's transactions.
     */
    @Value.Default
    public String transactionalIdPrefix() {
        return transactionalIdPrefix("event-pipeline", topic());
    }

    /** Any Kafka producer property ({@code security.protocol}, {@code sasl.*}, ...). */
    @Value.Redacted // shown as redactedClientProperties(): secret values hidden, the rest kept
    public abstract Map<String, String> clientProperties();

    /** {@link #clientProperties()} as toString shows them, every secret value redacted ({@link Secrets}). */
    @Value.Derived
    public Map<String, String> redactedClientProperties() {
        return Secrets.redacted(clientProperties());
    }

    @Value.Check
    protected void check() {
        if (transactionTimeout().compareTo(Duration.ofSeconds(1)) < 0
                || transactionTimeout().toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("transaction timeout must be from 1 s to " + Integer.MAX_VALUE
                    + " ms (Kafka's transaction.timeout.ms is an int), not " + transactionTimeout());
        }
        if (transactionalIdPrefix().isBlank()
                || transactionalIdPrefix().getBytes(StandardCharsets.UTF_8).length > MAX_TRANSACTIONAL_ID_PREFIX_BYTES) {
            throw new IllegalArgumentException("transactional id prefix must be 1 to " + MAX_TRANSACTIONAL_ID_PREFIX_BYTES
                    + " UTF-8 bytes");
        }
    }

    /** The default prefix of a job: its name and the dead-letter topic, so two jobs differ unless both do. */
    public static String transactionalIdPrefix(String jobName, String topic) {
        return jobName + "-" + topic;
    }

    public static ImmutableDeadLetterSinkSettings.Builder builder() {
        return ImmutableDeadLetterSinkSettings.builder();
    }
}
