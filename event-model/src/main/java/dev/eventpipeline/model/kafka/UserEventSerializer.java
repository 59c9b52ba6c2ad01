package dev.eventpipeline.model.kafka;

import dev.eventpipeline.model.UserEvent;
import dev.eventpipeline.model.json.UserEventJsonCodec;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer writing the canonical JSON form of a {@link UserEvent}. */
public final class UserEventSerializer implements Serializer<UserEvent> {

    private final UserEventJsonCodec codec = UserEventJsonCodec.create();

    @Override
    public byte[] serialize(String topic, UserEvent event) {
        return event == null ? null : codec.encode(event);
    }
}
