package dev.eventpipeline.connectors.deadletter;

import dev.eventpipeline.connectors.secrets.Secrets;
import dev.eventpipeline.model.kafka.UserEventRecords;
import java.io.Serializable;
import java.util.Map;
import org.immutables.value.Value;

/** Where dead letters go. */
@Value.Immutable
public abstract class DeadLetterSinkSettings implements Serializable {

    private static final long serialVersionUID = 1L;

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

    /** Any Kafka producer property ({@code security.protocol}, {@code sasl.*}, ...). */
    @Value.Redacted // shown as redactedClientProperties(): secret values hidden, the rest kept
    public abstract Map<String, String> clientProperties();

    /** {@link #clientProperties()} as toString shows them, every secret value redacted ({@link Secrets}). */
    @Value.Derived
    public Map<String, String> redactedClientProperties() {
        return Secrets.redacted(clientProperties());
    }

    public static ImmutableDeadLetterSinkSettings.Builder builder() {
        return ImmutableDeadLetterSinkSettings.builder();
    }
}
