package dev.eventpipeline.infra.generate;

import dev.eventpipeline.model.RejectReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The job's validation limits as the generator needs them to break a payload on purpose (one byte
 * or one entry over the limit). They must match the job's {@code validation.*} settings:
 * {@link #jobArguments()} gives the arguments that make a job agree with these limits.
 *
 * @param maxPayloadBytes       {@code validation.max-payload-bytes}
 * @param maxEventTypeLength    {@code validation.max-event-type-length}
 * @param maxMetadataEntries    {@code validation.max-metadata-entries}
 * @param maxMetadataKeyLength  {@code validation.max-metadata-key-length}
 * @param maxMetadataValueBytes {@code validation.max-metadata-value-bytes}
 * @param maxRowBytes           {@code validation.max-row-bytes}
 * @param maxFutureSkew         {@code validation.max-future-skew}
 * @param maxAge                {@code validation.max-age}; empty accepts any age
 */
public record PayloadLimits(int maxPayloadBytes, int maxEventTypeLength, int maxMetadataEntries,
        int maxMetadataKeyLength, int maxMetadataValueBytes, int maxRowBytes, Duration maxFutureSkew,
        Optional<Duration> maxAge) {

    /** Kafka's default producer and broker limit is 1 MiB per record; a TOO_LARGE payload must still fit. */
    static final int LARGEST_SENDABLE_PAYLOAD = 1_000_000;

    /** A generated event carries at most this many metadata entries of its own (a purchase has 7). */
    static final int GENERATED_METADATA_ENTRIES = 8;

    /** A generated event's JSON without the ROW_TOO_LARGE recipe's padding is well under this many bytes. */
    static final int GENERATED_EVENT_JSON_BYTES = 1024;

    /** The job's defaults (see {@code JobOptions}). */
    public static final PayloadLimits JOB_DEFAULTS = new PayloadLimits(1024 * 1024, 64, 64, 128, 4096, 1024 * 1024,
            Duration.ofHours(1), Optional.empty());

    /**
     * Limits under which every reject reason a payload can be refused for can be produced: payloads over
     * 16 KiB are refused (a TOO_LARGE payload then fits in a Kafka record), rows over 8 KiB are refused (a
     * ROW_TOO_LARGE payload then fits in 16 KiB) and events older than ten years are refused.
     */
    public static final PayloadLimits EVERY_REASON = JOB_DEFAULTS.withMaxPayloadBytes(16 * 1024)
            .withMaxRowBytes(8 * 1024).withMaxAge(Duration.ofDays(3650));

    public PayloadLimits {
        if (maxPayloadBytes < 64 || maxEventTypeLength < 1 || maxMetadataEntries < 1 || maxMetadataKeyLength < 1
                || maxMetadataValueBytes < 1 || maxRowBytes < 1 || maxFutureSkew.isNegative() || maxAge == null) {
            throw new IllegalArgumentException("invalid limits: " + this);
        }
    }

    public PayloadLimits withMaxPayloadBytes(int bytes) {
        return new PayloadLimits(bytes, maxEventTypeLength, maxMetadataEntries, maxMetadataKeyLength,
                maxMetadataValueBytes, maxRowBytes, maxFutureSkew, maxAge);
    }

    public PayloadLimits withMaxRowBytes(int bytes) {
        return new PayloadLimits(maxPayloadBytes, maxEventTypeLength, maxMetadataEntries, maxMetadataKeyLength,
                maxMetadataValueBytes, bytes, maxFutureSkew, maxAge);
    }

    public PayloadLimits withMaxAge(Duration age) {
        return new PayloadLimits(maxPayloadBytes, maxEventTypeLength, maxMetadataEntries, maxMetadataKeyLength,
                maxMetadataValueBytes, maxRowBytes, maxFutureSkew, Optional.of(age));
    }

    /**
     * The reasons the generator can make a payload refused for under these limits: all it has a recipe
     * for (never WRITE_REJECTED, which no payload can be refused for), but TOO_LARGE only when the limit is
     * below what Kafka accepts, ROW_TOO_LARGE only when a row over the row limit fits within the other
     * limits ({@link #rowTooLargeFits()}), and EVENT_TIME_TOO_OLD only when there is a maximum age.
     */
    public Set<RejectReason> reachableReasons() {
        Set<RejectReason> reasons = EnumSet.copyOf(HostilePayloads.SUPPORTED);
        if (maxPayloadBytes + 1024 > LARGEST_SENDABLE_PAYLOAD) {
            reasons.remove(RejectReason.TOO_LARGE);
        }
        if (!rowTooLargeFits()) {
            reasons.remove(RejectReason.ROW_TOO_LARGE);
        }
        if (maxAge.isEmpty()) {
            reasons.remove(RejectReason.EVENT_TIME_TOO_OLD);
        }
        return reasons;
    }

    /**
     * Whether a payload can carry a row over {@code maxRowBytes} with every field within its own limit
     * and the payload within {@code maxPayloadBytes} and a Kafka record: the row needs at least
     * {@code (maxRowBytes + 64) / maxMetadataValueBytes} padding entries beside the event's own, and its
     * JSON is larger than the row. Under the job's defaults it does not: 64 entries of a 128-character key
     * and a 4,096-byte value make rows of at most ~287 KB, below the 1 MiB row limit (which is also the
     * payload limit, and a payload is always larger than its row).
     */
    boolean rowTooLargeFits() {
        long target = (long) maxRowBytes + HostilePayloads.ROW_OVERSHOOT_BYTES;
        long padding = (target + maxMetadataValueBytes - 1) / maxMetadataValueBytes;
        int keyChars = HostilePayloads.ROW_PADDING_KEY.length() + Long.toString(padding).length();
        long payload = GENERATED_EVENT_JSON_BYTES + target + padding * (keyChars + 6); // "key":"value",
        return padding + GENERATED_METADATA_ENTRIES <= maxMetadataEntries && keyChars <= maxMetadataKeyLength
                && payload <= maxPayloadBytes && payload + 1024 <= LARGEST_SENDABLE_PAYLOAD;
    }

    /** {@code --validation.* value} arguments for the job, for every limit that differs from the job's default. */
    public List<String> jobArguments() {
        return arguments(false);
    }

    /**
     * {@code --validation.* value} arguments for every limit, the job's defaults too, so that they override
     * any given earlier on the same command line (the last value of a key wins). An empty maximum age adds none.
     */
    public List<String> allJobArguments() {
        return arguments(true);
    }

    private List<String> arguments(boolean all) {
        List<String> arguments = new ArrayList<>();
        add(arguments, all, "validation.max-payload-bytes", maxPayloadBytes, JOB_DEFAULTS.maxPayloadBytes);
        add(arguments, all, "validation.max-event-type-length", maxEventTypeLength, JOB_DEFAULTS.maxEventTypeLength);
        add(arguments, all, "validation.max-metadata-entries", maxMetadataEntries, JOB_DEFAULTS.maxMetadataEntries);
        add(arguments, all, "validation.max-metadata-key-length", maxMetadataKeyLength,
                JOB_DEFAULTS.maxMetadataKeyLength);
        add(arguments, all, "validation.max-metadata-value-bytes", maxMetadataValueBytes,
                JOB_DEFAULTS.maxMetadataValueBytes);
        add(arguments, all, "validation.max-row-bytes", maxRowBytes, JOB_DEFAULTS.maxRowBytes);
        if (all || !maxFutureSkew.equals(JOB_DEFAULTS.maxFutureSkew)) {
            arguments.addAll(List.of("--validation.max-future-skew", maxFutureSkew.toSeconds() + " s"));
        }
        maxAge.ifPresent(age -> arguments.addAll(List.of("--validation.max-age", age.toSeconds() + " s")));
        return List.copyOf(arguments);
    }

    private static void add(List<String> arguments, boolean all, String key, int value, int defaultValue) {
        if (all || value != defaultValue) {
            arguments.addAll(List.of("--" + key, Integer.toString(value)));
        }
    }
}
