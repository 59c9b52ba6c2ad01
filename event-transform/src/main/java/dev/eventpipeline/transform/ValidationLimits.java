package dev.eventpipeline.transform;

import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/** The limits {@link UserEventValidator} enforces. Defaults keep rows small and partitions sane. */
@Value.Immutable
public abstract class ValidationLimits implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final ValidationLimits DEFAULTS = builder().build();

    @Value.Default
    public int maxEventTypeLength() {
        return 64;
    }

    @Value.Default
    public int maxMetadataEntries() {
        return 64;
    }

    @Value.Default
    public int maxMetadataKeyLength() {
        return 128;
    }

    /** In UTF-8 bytes. */
    @Value.Default
    public int maxMetadataValueBytes() {
        return 4096;
    }

    /** How far ahead of the clock an event may be (clock skew on producers). */
    @Value.Default
    public Duration maxFutureSkew() {
        return Duration.ofHours(1);
    }

    /** Events older than this are refused; empty accepts any age (replays, backfills). */
    public abstract Optional<Duration> maxAge();

    @Value.Check
    protected void check() {
        requirePositive("maxEventTypeLength", maxEventTypeLength());
        requirePositive("maxMetadataEntries", maxMetadataEntries());
        requirePositive("maxMetadataKeyLength", maxMetadataKeyLength());
        requirePositive("maxMetadataValueBytes", maxMetadataValueBytes());
        if (maxFutureSkew().isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew must not be negative: " + maxFutureSkew());
        }
        if (maxAge().isPresent() && (maxAge().get().isNegative() || maxAge().get().isZero())) {
            throw new IllegalArgumentException("maxAge must be positive: " + maxAge().get());
        }
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
    }

    public static ImmutableValidationLimits.Builder builder() {
        return ImmutableValidationLimits.builder();
    }
}
