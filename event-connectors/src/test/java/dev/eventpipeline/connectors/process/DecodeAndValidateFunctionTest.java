package dev.eventpipeline.connectors.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.connectors.deadletter.DeadLetter;
import dev.eventpipeline.connectors.kafka.RawEvent;
import dev.eventpipeline.connectors.types.SourcedRow;
import dev.eventpipeline.transform.ValidationLimits;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class DecodeAndValidateFunctionTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-25T12:00:00Z"), ZoneOffset.UTC);

    private static RawEvent raw(String json, long offset) {
        return new RawEvent(null, json.getBytes(UTF_8), "user-events", 0, offset, 1L);
    }

    @Test
    void validEventsBecomeRowsAndRejectionsBecomeDeadLettersWithTheirBytes() throws Exception {
        DecodeAndValidateFunction function = new DecodeAndValidateFunction(1024, ValidationLimits.DEFAULTS, CLOCK);
        try (OneInputStreamOperatorTestHarness<RawEvent, SourcedRow> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(function)) {
            harness.processElement(raw("{\"user_id\":\"589e4567-e89b-12d3-a456-426614174000\",\"event_type\":\"LOGIN\","
                    + "\"event_time\":1764065730123,\"event_id\":\"7d2f1c9e-3b4a-4f6d-9e8c-1a2b3c4d5e6f\"}", 7), 1L);
            harness.processElement(raw("{\"user_id\":", 8), 2L);
            harness.processElement(raw("x".repeat(2000), 9), 3L);

            List<SourcedRow> rows = harness.extractOutputValues();
            assertThat(rows).singleElement().satisfies(sourced -> {
                assertThat(sourced.row().eventType()).isEqualTo("LOGIN");
                assertThat(sourced.row().eventTime()).isEqualTo(Instant.ofEpochMilli(1764065730123L));
                assertThat(sourced.topic()).isEqualTo("user-events");
                assertThat(sourced.offset()).isEqualTo(7L);
            });
            List<DeadLetter> letters = harness.getSideOutput(DecodeAndValidateFunction.DEAD_LETTERS).stream()
                    .map(StreamRecord::getValue).toList();
            assertThat(letters).extracting(letter -> letter.reason).containsExactly("MALFORMED_JSON", "TOO_LARGE");
            assertThat(letters).extracting(letter -> letter.sourceOffset).containsExactly(8L, 9L);
            assertThat(letters.get(0).value).isEqualTo("{\"user_id\":".getBytes(UTF_8));
            assertThat(letters.get(0).rejectedAt).isEqualTo(CLOCK.millis());
        }
    }
}
