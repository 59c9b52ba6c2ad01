package dev.eventpipeline.model.kafka;

import dev.eventpipeline.model.UserEvent;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * How producers should key events: by {@code user_id}, so that one user's events land in one
 * partition and stay in order. Use with a {@code StringSerializer} for keys and
 * {@link UserEventSerializer} for values.
 */
public final class UserEventRecords {

    /** The topic the pipeline reads by default. */
    public static final String DEFAULT_TOPIC = "user-events";
    /** The topic the pipeline writes events that cannot become rows to, by default. */
    public static final String DEFAULT_DEAD_LETTER_TOPIC = "user-events-dlq";

    private UserEventRecords() {}

    /** The record key for an event: its user id in canonical text form. */
    public static String keyOf(UserEvent event) {
        return event.userId().toString();
    }

    /** A record for {@code topic}, keyed by user id. */
    public static ProducerRecord<String, UserEvent> record(String topic, UserEvent event) {
        return new ProducerRecord<>(topic, keyOf(event), event);
    }
}
