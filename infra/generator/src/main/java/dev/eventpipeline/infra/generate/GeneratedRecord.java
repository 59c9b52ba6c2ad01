package dev.eventpipeline.infra.generate;

import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.model.UserEvent;
import java.util.Optional;
import java.util.UUID;

/**
 * One Kafka record to send: the key (the user id, as producers key events) and the value bytes.
 * A valid record carries the event it encodes; an invalid one the reason the job must refuse it for.
 */
public record GeneratedRecord(UUID userId, byte[] value, Optional<UserEvent> event, Optional<RejectReason> expectedRejection) {

    static GeneratedRecord valid(UserEvent event, byte[] value) {
        return new GeneratedRecord(event.userId(), value, Optional.of(event), Optional.empty());
    }

    static GeneratedRecord invalid(UUID userId, byte[] value, RejectReason reason) {
        return new GeneratedRecord(userId, value, Optional.empty(), Optional.of(reason));
    }

    /** The record key: the user id in canonical text form, as {@code UserEventRecords.keyOf} writes it. */
    public String key() {
        return userId.toString();
    }

    public boolean isValid() {
        return event.isPresent();
    }
}
