package dev.eventpipeline.connectors.deadletter;

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
        return "user-events-dlq";
    }

    /** Any Kafka producer property ({@code security.protocol}, {@code sasl.*}, ...). */
    public abstract Map<String, String> clientProperties();

    public static ImmutableDeadLetterSinkSettings.Builder builder() {
        return ImmutableDeadLetterSinkSettings.builder();
    }
}
