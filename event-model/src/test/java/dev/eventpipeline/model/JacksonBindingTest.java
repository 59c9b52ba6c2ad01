package dev.eventpipeline.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.eventpipeline.model.json.UserEventJsonCodec;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An ObjectMapper with the JSR-310 module reads and writes the codec's canonical form. */
class JacksonBindingTest {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final UserEvent event = UserEvent.builder()
            .userId(UUID.randomUUID())
            .eventType("view")
            .eventTime(Instant.parse("2025-11-25T10:15:30.123Z"))
            .eventId(UUID.randomUUID())
            .putMetadata("page", "/home")
            .build();

    @Test
    void objectMapperWritesTheCanonicalForm() throws Exception {
        assertThat(mapper.writeValueAsString(event))
                .isEqualTo(new String(UserEventJsonCodec.create().encode(event), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void objectMapperReadsTheCanonicalForm() throws Exception {
        assertThat(mapper.readValue(UserEventJsonCodec.create().encode(event), UserEvent.class)).isEqualTo(event);
    }

    @Test
    void rowModelBindsWithSnakeCaseNames() throws Exception {
        UserEventCassandraModel row = UserEventCassandraModel.builder()
                .userId(event.userId())
                .bucketDate(LocalDate.of(2025, 11, 25))
                .eventTime(event.eventTime())
                .eventType(event.eventType())
                .eventId(event.eventId())
                .metadata(event.metadata())
                .build();

        String json = mapper.writeValueAsString(row);

        assertThat(json).contains("\"bucket_date\":\"2025-11-25\"", "\"event_time\":\"2025-11-25T10:15:30.123Z\"");
        assertThat(mapper.readValue(json, UserEventCassandraModel.class)).isEqualTo(row);
    }

    @Test
    void rowModelRefusesSubMillisecondTimes() {
        assertThatThrownBy(() -> UserEventCassandraModel.builder()
                        .userId(event.userId())
                        .bucketDate(LocalDate.of(2025, 11, 25))
                        .eventTime(Instant.parse("2025-11-25T10:15:30.123456Z"))
                        .eventType("view")
                        .eventId(event.eventId())
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("millisecond");
    }
}
