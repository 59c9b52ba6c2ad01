package dev.eventpipeline.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.model.UserEvent;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UserEventMapperTest {

    @Test
    void copiesEveryFieldAndBucketsByUtcDate() {
        UserEvent event = UserEvent.builder()
                .userId(UUID.randomUUID())
                .eventType("purchase")
                .eventTime(Instant.parse("2025-11-25T23:59:59.999Z"))
                .eventId(UUID.randomUUID())
                .putMetadata("amount", "12.50")
                .build();

        UserEventCassandraModel row = UserEventMapper.toRow(event);

        assertThat(row.userId()).isEqualTo(event.userId());
        assertThat(row.bucketDate()).isEqualTo(LocalDate.of(2025, 11, 25));
        assertThat(row.eventTime()).isEqualTo(event.eventTime());
        assertThat(row.eventType()).isEqualTo("purchase");
        assertThat(row.eventId()).isEqualTo(event.eventId());
        assertThat(row.metadata()).isEqualTo(Map.of("amount", "12.50"));
    }

    @Test
    void truncatesNanosecondsToMillisecondsBeforeBucketing() {
        UserEvent event = UserEvent.builder()
                .userId(UUID.randomUUID())
                .eventType("view")
                .eventTime(Instant.parse("2025-11-25T23:59:59.999999999Z"))
                .eventId(UUID.randomUUID())
                .build();

        UserEventCassandraModel row = UserEventMapper.toRow(event);

        assertThat(row.eventTime()).isEqualTo(Instant.parse("2025-11-25T23:59:59.999Z"));
        assertThat(row.bucketDate()).isEqualTo(LocalDate.of(2025, 11, 25));
    }

    @Test
    void negativeTimesTruncateTowardsThePast() {
        UserEvent event = UserEvent.builder()
                .userId(UUID.randomUUID())
                .eventType("view")
                .eventTime(Instant.parse("1969-12-31T23:59:59.999500Z"))
                .eventId(UUID.randomUUID())
                .build();

        UserEventCassandraModel row = UserEventMapper.toRow(event);

        assertThat(row.eventTime().toEpochMilli()).isEqualTo(-1L);
        assertThat(row.bucketDate()).isEqualTo(LocalDate.of(1969, 12, 31));
    }
}
