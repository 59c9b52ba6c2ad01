package dev.eventpipeline.transform;

import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.model.Result;
import dev.eventpipeline.model.UserEvent;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The rules an event must pass before it becomes a row. Returns a result, never throws. The clock
 * is injected so "too far in the future" and "too old" are testable.
 */
public final class UserEventValidator implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int MAX_BYTES_PER_CHAR = 3; // a Java char never needs more in UTF-8

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
        if (eventType.strip().length() > limits.maxEventTypeLength()) {
            return Result.rejected(RejectReason.EVENT_TYPE_TOO_LONG, "event_type has " + eventType.strip().length()
                    + " characters, the limit is " + limits.maxEventTypeLength());
        }
        Result<UserEvent> metadataProblem = checkMetadata(event.metadata());
        if (metadataProblem != null) {
            return metadataProblem;
        }
        return checkEventTime(event);
    }

    private Result<UserEvent> checkMetadata(Map<String, String> metadata) {
        if (metadata.size() > limits.maxMetadataEntries()) {
            return Result.rejected(RejectReason.TOO_MANY_METADATA_ENTRIES, "metadata has " + metadata.size()
                    + " entries, the limit is " + limits.maxMetadataEntries());
        }
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            String key = entry.getKey();
            if (key.length() > limits.maxMetadataKeyLength()) {
                return Result.rejected(RejectReason.METADATA_KEY_TOO_LONG, "metadata key \""
                        + key.substring(0, Math.min(32, key.length())) + "...\" has " + key.length()
                        + " characters, the limit is " + limits.maxMetadataKeyLength());
            }
            int bytes = utf8Length(entry.getValue());
            if (bytes > limits.maxMetadataValueBytes()) {
                return Result.rejected(RejectReason.METADATA_VALUE_TOO_LONG, "metadata." + key + " is "
                        + bytes + " bytes, the limit is " + limits.maxMetadataValueBytes());
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

    /** UTF-8 size, computed only when the string could exceed the limit. */
    private int utf8Length(String value) {
        if ((long) value.length() * MAX_BYTES_PER_CHAR <= limits.maxMetadataValueBytes()) {
            return value.length();
        }
        return value.getBytes(StandardCharsets.UTF_8).length;
    }
}
