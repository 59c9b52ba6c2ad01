package dev.eventpipeline.connectors.deadletter;

import java.util.Locale;
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
    AT_LEAST_ONCE("at-least-once", DeliveryGuarantee.AT_LEAST_ONCE),
    /**
     * Kafka transactions, one per checkpoint, committed when the checkpoint completes: a
     * {@code read_committed} consumer sees each dead letter once, also across failures, but only after
     * the checkpoint that covers it.
     */
    EXACTLY_ONCE("exactly-once", DeliveryGuarantee.EXACTLY_ONCE);

    private final String optionValue;
    private final DeliveryGuarantee flinkGuarantee;

    DeadLetterGuarantee(String optionValue, DeliveryGuarantee flinkGuarantee) {
        this.optionValue = optionValue;
        this.flinkGuarantee = flinkGuarantee;
    }

    /** How it is named in options ({@code dlq.delivery-guarantee}). */
    public String optionValue() {
        return optionValue;
    }

    /** The Kafka sink's guarantee. */
    public DeliveryGuarantee flinkGuarantee() {
        return flinkGuarantee;
    }

    public static DeadLetterGuarantee fromOptionValue(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (DeadLetterGuarantee guarantee : values()) {
            if (guarantee.optionValue.equals(wanted)) {
                return guarantee;
            }
        }
        throw new IllegalArgumentException("must be one of " + optionValues());
    }

    public static String optionValues() {
        StringBuilder names = new StringBuilder();
        for (DeadLetterGuarantee guarantee : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(guarantee.optionValue);
        }
        return names.toString();
    }
}
