package dev.eventpipeline.model.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventpipeline.model.UserEvent;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class UserEventSerdeTest {

    private final UserEvent event = UserEvent.builder()
            .userId(UUID.fromString("589e4567-e89b-12d3-a456-426614174000"))
            .eventType("click")
            .eventTime(Instant.parse("2025-11-25T10:15:30.123Z"))
            .eventId(UUID.randomUUID())
            .putMetadata("source", "web")
            .build();

    @Test
    void serializerAndDeserializerRoundTrip() {
        try (UserEventSerializer serializer = new UserEventSerializer();
                UserEventDeserializer deserializer = new UserEventDeserializer()) {
            byte[] bytes = serializer.serialize("user-events", event);

            assertThat(deserializer.deserialize("user-events", bytes)).isEqualTo(event);
        }
    }

    @Test
    void nullsStayNullForTombstones() {
        try (UserEventSerializer serializer = new UserEventSerializer();
                UserEventDeserializer deserializer = new UserEventDeserializer()) {
            assertThat(serializer.serialize("user-events", null)).isNull();
            assertThat(deserializer.deserialize("user-events", null)).isNull();
        }
    }

    @Test
    void invalidPayloadRaisesSerializationExceptionWithTheReason() {
        try (UserEventDeserializer deserializer = new UserEventDeserializer()) {
            assertThatThrownBy(() -> deserializer.deserialize("user-events", "{\"user_id\":1}".getBytes(UTF_8)))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("INVALID_TYPE")
                    .hasMessageContaining("user_id");
        }
    }

    @Test
    void recordsAreKeyedByUserId() {
        ProducerRecord<String, UserEvent> record = UserEventRecords.record("user-events", event);

        assertThat(record.key()).isEqualTo("589e4567-e89b-12d3-a456-426614174000");
        assertThat(record.topic()).isEqualTo("user-events");
        assertThat(record.value()).isSameAs(event);
    }
}
