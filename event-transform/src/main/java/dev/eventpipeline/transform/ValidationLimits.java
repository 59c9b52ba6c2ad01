package dev.eventpipeline.transform;

import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The limits {@link UserEventValidator} enforces. Defaults keep rows small and partitions sane. Every
 * limit measures the value as it is stored (nothing is trimmed). Whatever these are, the validator also
 * keeps event_type within {@link CassandraLimits#MAX_KEY_COMPONENT_BYTES}, and {@link #maxRowBytes()} is at
 * most {@link CassandraLimits#MAX_ROW_BYTES_LIMIT}, so an accepted row fits Cassandra's limits.
 */
@Value.Immutable
public abstract class ValidationLimits implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Default of {@link #maxRowBytes()}: 1 MiB. */
    public static final int DEFAULT_MAX_ROW_BYTES = 1024 * 1024;

    public static final ValidationLimits DEFAULTS = builder().build();

    /** In characters (UTF-16 chars) of event_type as sent and stored, surrounding whitespace included. */
    @Value.Default
    public int maxEventTypeLength() {
        return 64;
    }

    @Value.Default
    public int maxMetadataEntries() {
        return 64;
    }

    /** In characters; a key's UTF-8 bytes are also held to {@link #maxMetadataValueBytes()}. */
    @Value.Default
    public int maxMetadataKeyLength() {
        return 128;
    }

    /** In UTF-8 bytes, for each metadata value (and each key). */
    @Value.Default
    public int maxMetadataValueBytes() {
        return 4096;
    }

    /**
     * The stored size of a row ({@link CassandraLimits#rowBytes}): UTF-8 bytes of event_type and of every
     * metadata key and value, plus {@link CassandraLimits#ROW_FIXED_BYTES}. At most
     * {@link CassandraLimits#MAX_ROW_BYTES_LIMIT}, half of Cassandra's default mutation limit.
     */
    @Value.Default
    public int maxRowBytes() {
        return DEFAULT_MAX_ROW_BYTES;
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
        requirePositive("maxRowBytes", maxRowBytes());
        if (maxRowBytes() > CassandraLimits.MAX_ROW_BYTES_LIMIT) {
            throw new IllegalArgumentException("maxRowBytes must be at most " + CassandraLimits.MAX_ROW_BYTES_LIMIT
                    + " (half of Cassandra's default max_mutation_size): " + maxRowBytes());
        }
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
