package dev.eventpipeline.model;

import org.immutables.value.Value;

/** A refusal: a stable reason code and a message for people that names the offending field. */
@Value.Immutable
public abstract class Rejection {

    @Value.Parameter
    public abstract RejectReason reason();

    @Value.Parameter
    public abstract String message();

    public static Rejection of(RejectReason reason, String message) {
        return ImmutableRejection.of(reason, message);
    }

    @Override
    public String toString() {
        return reason() + ": " + message();
    }
}
