package dev.eventpipeline.connectors.kafka;

import dev.eventpipeline.connectors.secrets.Secrets;
import dev.eventpipeline.model.kafka.UserEventRecords;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import org.immutables.value.Value;

/** What the event source needs to know about Kafka. */
@Value.Immutable
public abstract class KafkaSourceSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    /** {@code host:port[,host:port...]}. */
    public abstract String bootstrapServers();

    @Value.Default
    public String topic() {
        return UserEventRecords.DEFAULT_TOPIC;
    }

    @Value.Default
    public String groupId() {
        return "event-pipeline";
    }

    @Value.Default
    public StartingOffsets startingOffsets() {
        return StartingOffsets.COMMITTED;
    }

    /** How often new partitions are looked for; zero turns discovery off. */
    @Value.Default
    public Duration partitionDiscoveryInterval() {
        return Duration.ofMinutes(1);
    }

    /** Stop at the offsets that are latest when the job starts (benchmarks, backfills). */
    @Value.Default
    public boolean bounded() {
        return false;
    }

    /** Any Kafka consumer property ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}, ...). */
    @Value.Redacted // shown as redactedClientProperties(): secret values hidden, the rest kept
    public abstract Map<String, String> clientProperties();

    /** {@link #clientProperties()} as toString shows them, every secret value redacted ({@link Secrets}). */
    @Value.Derived
    public Map<String, String> redactedClientProperties() {
        return Secrets.redacted(clientProperties());
    }

    public static ImmutableKafkaSourceSettings.Builder builder() {
        return ImmutableKafkaSourceSettings.builder();
    }
}
