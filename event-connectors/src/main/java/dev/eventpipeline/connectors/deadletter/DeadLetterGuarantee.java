package dev.eventpipeline.connectors.deadletter;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * How often a dead letter reaches its topic when the job fails and replays from its last checkpoint.
 */
public enum DeadLetterGuarantee {
    /**
     * The producer is flushed before each checkpoint completes: nothing is lost, and a replay after a
     * failure may write a dead letter again (consumers de-duplicate on {@code dlq.source.*}). Dead
     * letters are visible as soon as they are written.
     */
    AT_LEAST_ONCE(DeliveryGuarantee.AT_LEAST_ONCE),
    /**
     * Kafka transactions, one per checkpoint, committed when the checkpoint completes: a
     * {@code read_committed} consumer sees each dead letter once, also across failures, but only after
     * the checkpoint that covers it.
     */
    EXACTLY_ONCE(DeliveryGuarantee.EXACTLY_ONCE);

    private final DeliveryGuarantee flinkGuarantee;

    DeadLetterGuarantee(DeliveryGuarantee flinkGuarantee) {
        this.flinkGuarantee = flinkGuarantee;
    }

    /** How it is named in options ({@code dlq.delivery-guarantee}): at-least-once, exactly-once. */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The Kafka sink's guarantee. */
    public DeliveryGuarantee flinkGuarantee() {
        return flinkGuarantee;
    }

    public static DeadLetterGuarantee fromOptionValue(String text) {
        return Arrays.stream(values())
                .filter(guarantee -> guarantee.optionValue().equals(text.trim().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be one of " + Arrays.stream(values())
                        .map(DeadLetterGuarantee::optionValue).collect(Collectors.joining(", "))));
    }
}
