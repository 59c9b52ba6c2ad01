package dev.eventpipeline.connectors.deadletter;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.connectors.kafka.RawEvent;
import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.model.Rejection;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterSerializationSchemaTest {

    @Test
    void keepsTheOriginalKeyAndBytesAndPutsTheReasonInHeaders() {
        byte[] original = {'{', (byte) 0xFF, 0, '}'};
        RawEvent raw = new RawEvent("user-1".getBytes(UTF_8), original, "user-events", 2, 41L, 1_764_065_730_123L);
        DeadLetter letter = DeadLetter.of(raw, Rejection.of(RejectReason.MALFORMED_JSON, "not valid JSON"), 99L);

        ProducerRecord<byte[], byte[]> record =
                new DeadLetterSerializationSchema("user-events-dlq", 1_000_000).serialize(letter, null, null);

        assertThat(record.topic()).isEqualTo("user-events-dlq");
        assertThat(record.key()).isEqualTo("user-1".getBytes(UTF_8));
        assertThat(record.value()).isEqualTo(original);
        assertThat(record.timestamp()).isEqualTo(99L);
        assertThat(header(record, DeadLetterHeaders.REASON)).isEqualTo("MALFORMED_JSON");
        assertThat(header(record, DeadLetterHeaders.MESSAGE)).isEqualTo("not valid JSON");
        assertThat(header(record, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("user-events");
        assertThat(header(record, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("2");
        assertThat(header(record, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("41");
        assertThat(header(record, DeadLetterHeaders.SOURCE_TIMESTAMP)).isEqualTo("1764065730123");
        assertThat(header(record, DeadLetterHeaders.REJECTED_AT)).isEqualTo("99");
        assertThat(record.headers().lastHeader(DeadLetterHeaders.ORIGINAL_BYTES)).isNull();
        assertThat(record.headers().lastHeader(DeadLetterHeaders.REPLAY_ATTEMPT)).as("not a replay").isNull();
    }

    @Test
    void aReplayedRecordRefusedAgainKeepsItsAttemptAndOriginalCoordinates() {
        RawEvent raw = new RawEvent("user-1".getBytes(UTF_8), "{}".getBytes(UTF_8), "user-events", 1, 700L, 5L,
                new ReplayProvenance(2, "user-events", 0, 41L));
        DeadLetter letter = DeadLetter.of(raw, Rejection.of(RejectReason.MISSING_FIELD, "user_id is missing"), 99L);

        ProducerRecord<byte[], byte[]> record =
                new DeadLetterSerializationSchema("user-events-dlq", 1_000_000).serialize(letter, null, null);

        assertThat(header(record, DeadLetterHeaders.SOURCE_PARTITION)).as("where the replayed copy was read").isEqualTo("1");
        assertThat(header(record, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("700");
        assertThat(header(record, DeadLetterHeaders.REPLAY_ATTEMPT)).isEqualTo("2");
        assertThat(header(record, DeadLetterHeaders.REPLAY_ORIGIN_TOPIC)).isEqualTo("user-events");
        assertThat(header(record, DeadLetterHeaders.REPLAY_ORIGIN_PARTITION)).isEqualTo("0");
        assertThat(header(record, DeadLetterHeaders.REPLAY_ORIGIN_OFFSET)).isEqualTo("41");
        assertThat(ReplayProvenance.fromHeaders(record.headers())).isEqualTo(raw.replay);
    }

    @Test
    void cutsAValueThatWouldNotFitTheTopicAndRecordsItsSize() {
        byte[] huge = new byte[50_000];
        java.util.Arrays.fill(huge, (byte) 'x');
        RawEvent raw = new RawEvent(null, huge, "user-events", 0, 1L, 1L);
        DeadLetter letter = DeadLetter.of(raw, Rejection.of(RejectReason.TOO_LARGE, "too large"), 5L);

        ProducerRecord<byte[], byte[]> record =
                new DeadLetterSerializationSchema("user-events-dlq", 20_000).serialize(letter, null, null);

        int headerBytes = 0;
        for (org.apache.kafka.common.header.Header h : record.headers()) {
            headerBytes += h.key().length() + h.value().length;
        }
        assertThat(record.value().length + headerBytes).isLessThanOrEqualTo(20_000);
        assertThat(record.value()).isEqualTo(java.util.Arrays.copyOf(huge, record.value().length));
        assertThat(header(record, DeadLetterHeaders.ORIGINAL_BYTES)).isEqualTo("50000");
        assertThat(header(record, DeadLetterHeaders.REASON)).isEqualTo("TOO_LARGE");
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), UTF_8);
    }
}
