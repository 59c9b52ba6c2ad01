package dev.eventpipeline.transform;

import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.model.Result;
import dev.eventpipeline.model.UserEvent;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The rules an event must pass before it becomes a row. Returns a result, never throws. The clock
 * is injected so "too far in the future" and "too old" are testable.
 *
 * <p>Each rule measures the value in the form in which it is stored, and nothing is trimmed: the row
 * stores exactly what the producer sent. event_type is a clustering column, so trimming it would make
 * " click" and "click" the same row (a silent collision) and queries by type would have to guess what
 * was sent. A blank event_type is refused. Besides the configured limits every value is held to what
 * Cassandra accepts for its column ({@link CassandraLimits}): event_type at most 65,535 UTF-8 bytes (a
 * clustering key component), each metadata key and value and the whole row within
 * {@link ValidationLimits#maxRowBytes()}, which is at most half of the server's default mutation limit.
 * UTF-8 sizes are computed only when {@code 3 * chars} could exceed a limit.
 */
public final class UserEventValidator implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int MAX_BYTES_PER_CHAR = CassandraLimits.MAX_UTF8_BYTES_PER_CHAR;
    private static final int KEY_PREVIEW_CHARS = 32;

    private final ValidationLimits limits;
    private final Clock clock;

    public UserEventValidator(ValidationLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public static UserEventValidator withDefaults() {
        return new UserEventValidator(ValidationLimits.DEFAULTS, Clock.systemUTC());
    }

    public ValidationLimits limits() {
        return limits;
    }

    public Result<UserEvent> validate(UserEvent event) {
        String eventType = event.eventType();
        if (eventType.isBlank()) {
            return Result.rejected(RejectReason.BLANK_EVENT_TYPE, "event_type is blank");
        }
        if (eventType.length() > limits.maxEventTypeLength()) {
            return Result.rejected(RejectReason.EVENT_TYPE_TOO_LONG, "event_type has " + eventType.length()
                    + " characters, the limit is " + limits.maxEventTypeLength() + " (validation.max-event-type-length)");
        }
        long eventTypeBytes = utf8LengthIfOver(eventType, CassandraLimits.MAX_KEY_COMPONENT_BYTES);
        if (eventTypeBytes > CassandraLimits.MAX_KEY_COMPONENT_BYTES) {
            return Result.rejected(RejectReason.EVENT_TYPE_TOO_LONG, "event_type is " + eventTypeBytes
                    + " bytes in UTF-8, the limit is " + CassandraLimits.MAX_KEY_COMPONENT_BYTES
                    + " (Cassandra's largest clustering key component)");
        }
        Result<UserEvent> metadataProblem = checkMetadata(event);
        if (metadataProblem != null) {
            return metadataProblem;
        }
        return checkEventTime(event);
    }

    private Result<UserEvent> checkMetadata(UserEvent event) {
        Map<String, String> metadata = event.metadata();
        if (metadata.size() > limits.maxMetadataEntries()) {
            return Result.rejected(RejectReason.TOO_MANY_METADATA_ENTRIES, "metadata has " + metadata.size()
                    + " entries, the limit is " + limits.maxMetadataEntries());
        }
        int maxValueBytes = limits.maxMetadataValueBytes();
        long chars = event.eventType().length();
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            String key = entry.getKey();
            if (key.length() > limits.maxMetadataKeyLength()) {
                return Result.rejected(RejectReason.METADATA_KEY_TOO_LONG, "metadata key \"" + preview(key)
                        + "\" has " + key.length() + " characters, the limit is " + limits.maxMetadataKeyLength());
            }
            long keyBytes = utf8LengthIfOver(key, maxValueBytes);
            if (keyBytes > maxValueBytes) {
                return Result.rejected(RejectReason.METADATA_KEY_TOO_LONG, "metadata key \"" + preview(key)
                        + "\" is " + keyBytes + " bytes in UTF-8, the limit is " + maxValueBytes
                        + " (validation.max-metadata-value-bytes)");
            }
            String value = entry.getValue();
            long valueBytes = utf8LengthIfOver(value, maxValueBytes);
            if (valueBytes > maxValueBytes) {
                return Result.rejected(RejectReason.METADATA_VALUE_TOO_LONG, "metadata." + preview(key) + " is "
                        + valueBytes + " bytes, the limit is " + maxValueBytes);
            }
            chars += key.length() + value.length();
        }
        // The row's exact size is computed only when its upper bound could be over the limit.
        if (CassandraLimits.ROW_FIXED_BYTES + MAX_BYTES_PER_CHAR * chars > limits.maxRowBytes()) {
            long rowBytes = CassandraLimits.rowBytes(event);
            if (rowBytes > limits.maxRowBytes()) {
                return Result.rejected(RejectReason.ROW_TOO_LARGE, "the row is " + rowBytes + " bytes (event_type, "
                        + "metadata keys and values in UTF-8 plus " + CassandraLimits.ROW_FIXED_BYTES
                        + " fixed), the limit is " + limits.maxRowBytes() + " (validation.max-row-bytes)");
            }
        }
        return null;
    }

    private Result<UserEvent> checkEventTime(UserEvent event) {
        Instant now = clock.instant();
        Instant eventTime = event.eventTime();
        if (eventTime.isAfter(now.plus(limits.maxFutureSkew()))) {
            return Result.rejected(RejectReason.EVENT_TIME_IN_FUTURE, "event_time " + eventTime
                    + " is more than " + limits.maxFutureSkew() + " ahead of now (" + now + ")");
        }
        if (limits.maxAge().isPresent() && eventTime.isBefore(now.minus(limits.maxAge().get()))) {
            return Result.rejected(RejectReason.EVENT_TIME_TOO_OLD, "event_time " + eventTime
                    + " is older than " + limits.maxAge().get() + " (now " + now + ")");
        }
        return Result.accepted(event);
    }

    /**
     * The UTF-8 size of {@code value} if it could exceed {@code limit}; otherwise its length in chars,
     * which is then at most the limit too (a char never needs more than 3 bytes).
     */
    private static long utf8LengthIfOver(String value, int limit) {
        if ((long) value.length() * MAX_BYTES_PER_CHAR <= limit) {
            return value.length();
        }
        return CassandraLimits.utf8Length(value);
    }

    /** A key short enough for a message: at most its first 32 chars (never half of a surrogate pair). */
    private static String preview(String key) {
        if (key.length() <= KEY_PREVIEW_CHARS) {
            return key;
        }
        int end = Character.isHighSurrogate(key.charAt(KEY_PREVIEW_CHARS - 1)) ? KEY_PREVIEW_CHARS - 1 : KEY_PREVIEW_CHARS;
        return key.substring(0, end) + "...";
    }
}
