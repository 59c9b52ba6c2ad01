package dev.eventpipeline.connectors.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserEventsInsertTest {

    @Test
    void upsertsAllColumns() {
        assertThat(UserEventsInsert.cql("event_streaming", "user_events", Optional.empty())).isEqualTo(
                "INSERT INTO event_streaming.user_events (user_id, bucket_date, event_time, event_type, event_id, "
                        + "metadata) VALUES (?, ?, ?, ?, ?, ?)");
    }

    @Test
    void appendsTheTtlInSeconds() {
        assertThat(UserEventsInsert.cql("ks", "t", Optional.of(Duration.ofDays(90)))).endsWith(" USING TTL 7776000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Events", "1table", "user-events", "t; DROP TABLE x", "a\"b"})
    void refusesIdentifiersThatAreNotPlain(String table) {
        assertThatThrownBy(() -> UserEventsInsert.cql("ks", table, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("table must be a lower-case CQL identifier");
    }
}
