package dev.eventpipeline.connectors.kafka;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Where a fresh consumer group starts: {@code committed} (the group's offsets, else earliest; the
 * default, so a restarted job resumes), {@code earliest}, {@code latest} or {@code timestamp:<ms>}.
 * A job restored from a checkpoint or savepoint always resumes from its own offsets.
 */
public final class StartingOffsets implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final StartingOffsets COMMITTED = new StartingOffsets("committed", -1);
    public static final StartingOffsets EARLIEST = new StartingOffsets("earliest", -1);
    public static final StartingOffsets LATEST = new StartingOffsets("latest", -1);
    public static final String FORMS = "committed, earliest, latest or timestamp:<epoch-millis>";

    private final String kind;
    private final long timestampMillis;

    private StartingOffsets(String kind, long timestampMillis) {
        this.kind = kind;
        this.timestampMillis = timestampMillis;
    }

    public static StartingOffsets timestamp(long epochMillis) {
        if (epochMillis < 0) {
            throw new IllegalArgumentException("timestamp must not be negative: " + epochMillis);
        }
        return new StartingOffsets("timestamp", epochMillis);
    }

    /** Parses one of {@link #FORMS}; throws {@link IllegalArgumentException} naming them otherwise. */
    public static StartingOffsets parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "committed":
                return COMMITTED;
            case "earliest":
                return EARLIEST;
            case "latest":
                return LATEST;
            default:
                if (value.startsWith("timestamp:")) {
                    try {
                        return timestamp(Long.parseLong(value.substring("timestamp:".length())));
                    } catch (IllegalArgumentException e) {
                        // not a number, or negative: fall through to the general message
                    }
                }
                throw new IllegalArgumentException("expected " + FORMS);
        }
    }

    OffsetsInitializer toInitializer() {
        switch (kind) {
            case "earliest":
                return OffsetsInitializer.earliest();
            case "latest":
                return OffsetsInitializer.latest();
            case "timestamp":
                return OffsetsInitializer.timestamp(timestampMillis);
            default:
                return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StartingOffsets that && kind.equals(that.kind) && timestampMillis == that.timestampMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, timestampMillis);
    }

    @Override
    public String toString() {
        return kind.equals("timestamp") ? "timestamp:" + timestampMillis : kind;
    }
}
