package dev.eventpipeline.model.kafka;

import dev.eventpipeline.model.Result;
import dev.eventpipeline.model.UserEvent;
import dev.eventpipeline.model.json.UserEventJsonCodec;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer for {@link UserEvent}. A payload the codec refuses raises a
 * {@link SerializationException} carrying the reason code, which Kafka consumers surface as a
 * {@code RecordDeserializationException} that can be skipped; a null value (tombstone) stays null.
 */
public final class UserEventDeserializer implements Deserializer<UserEvent> {

    private final UserEventJsonCodec codec = UserEventJsonCodec.create();

    @Override
    public UserEvent deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        Result<UserEvent> result = codec.decode(data);
        if (!result.isAccepted()) {
            throw new SerializationException("invalid UserEvent on topic " + topic + ": " + result.rejection());
        }
        return result.value();
    }
}
