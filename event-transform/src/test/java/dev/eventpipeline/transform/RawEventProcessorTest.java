package dev.eventpipeline.transform;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.model.Result;
import dev.eventpipeline.model.UserEventCassandraModel;
import dev.eventpipeline.model.json.UserEventJsonCodec;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RawEventProcessorTest {

    private final RawEventProcessor processor = new RawEventProcessor(UserEventJsonCodec.create(),
            new UserEventValidator(ValidationLimits.DEFAULTS,
                    Clock.fixed(Instant.parse("2025-11-26T00:00:00Z"), ZoneOffset.UTC)));

    private static byte[] payload(String eventType, String eventTime) {
        return ("{\"user_id\":\"589e4567-e89b-12d3-a456-426614174000\",\"event_type\":\"" + eventType
                + "\",\"event_time\":" + eventTime + ",\"event_id\":\"7d2f1c9e-3b4a-4f6d-9e8c-1a2b3c4d5e6f\"}")
                .getBytes(UTF_8);
    }

    @Test
    void turnsAValidPayloadIntoItsRow() {
        UserEventCassandraModel row = processor.process(payload("LOGIN", "\"2025-11-26T08:30:00.123456+09:00\""))
                .value();

        assertThat(row.userId()).isEqualTo(UUID.fromString("589e4567-e89b-12d3-a456-426614174000"));
        assertThat(row.eventTime()).isEqualTo(Instant.parse("2025-11-25T23:30:00.123Z"));
        assertThat(row.bucketDate()).isEqualTo(LocalDate.of(2025, 11, 25));
        assertThat(row.eventType()).isEqualTo("LOGIN");
        assertThat(row.metadata()).isEmpty();
    }

    @Test
    void eventTypeIsStoredExactlyAsSentNeverTrimmed() {
        UserEventCassandraModel padded = processor.process(payload(" click ", "1764115200000")).value();
        UserEventCassandraModel plain = processor.process(payload("click", "1764115200000")).value();

        assertThat(padded.eventType()).isEqualTo(" click ");
        // Same user and millisecond: trimming would have made these one row; as sent they are two.
        assertThat(List.of(padded.userId(), padded.bucketDate(), padded.eventTime()))
                .isEqualTo(List.of(plain.userId(), plain.bucketDate(), plain.eventTime()));
        assertThat(padded.eventType()).isNotEqualTo(plain.eventType());
        assertThat(CassandraLimits.rowBytes(padded)).isEqualTo(CassandraLimits.rowBytes(plain) + 2);
    }

    @Test
    void anEventTypeOverWhatCassandraStoresNeverBecomesARow() {
        // The payload that once passed validation (stripped, it is one letter) and was refused by
        // Cassandra: "Key length of 70009 is longer than maximum of 65535".
        Result<UserEventCassandraModel> result = processor.process(payload(" ".repeat(70_000) + "x", "1764115200000"));

        assertThat(result.isAccepted()).isFalse();
        assertThat(result.rejection().reason()).isEqualTo(RejectReason.EVENT_TYPE_TOO_LONG);
        assertThat(result.rejection().message()).contains("event_type", "70001 characters");
    }

    @Test
    void decodingRejectionsPassThrough() {
        Result<UserEventCassandraModel> result = processor.process(payload("LOGIN", "\"soon\""));

        assertThat(result.rejection().reason()).isEqualTo(RejectReason.INVALID_TIMESTAMP);
    }

    @Test
    void validationRejectionsPassThrough() {
        Result<UserEventCassandraModel> result = processor.process(payload(" ", "1764115200000"));

        assertThat(result.rejection().reason()).isEqualTo(RejectReason.BLANK_EVENT_TYPE);
    }
}
