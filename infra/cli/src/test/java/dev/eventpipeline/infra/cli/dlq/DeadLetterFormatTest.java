package dev.eventpipeline.infra.cli.dlq;

import static dev.eventpipeline.infra.cli.dlq.DeadLetters.letter;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventpipeline.connectors.deadletter.ReplayProvenance;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeadLetterFormatTest {

    @Test
    void textIsEscapedSoAPayloadCannotDriveTheTerminal() {
        String hostile = "{\"a\":\"\u001b[2J\u001b[31mred\",\n\t\"b\":\"\u202eevil\\\"}";

        String shown = PayloadPreview.of(hostile.getBytes(UTF_8), 200);

        assertThat(shown).doesNotContain("\u001b", "\n", "\t", "\u202e")
                .isEqualTo("{\"a\":\"\\u001b[2J\\u001b[31mred\",\\n\\t\"b\":\"\\u202eevil\\\\\"}");
    }

    @Test
    void longPayloadsAreCutWithTheirSizeAndOtherBytesShownAsHex() {
        byte[] big = "x".repeat(5_000).getBytes(UTF_8);

        assertThat(PayloadPreview.of(big, 10)).isEqualTo("xxxxxxxxxx… (5000 bytes)");
        assertThat(PayloadPreview.of("short".getBytes(UTF_8), 10)).isEqualTo("short");
        assertThat(PayloadPreview.of(new byte[] {(byte) 0xff, 0x00, 0x41}, 40)).isEqualTo("hex:ff0041 (not UTF-8)");
        assertThat(PayloadPreview.of(new byte[] {(byte) 0xc3, 0x28, 1, 2, 3, 4, 5, 6}, 8))
                .isEqualTo("hex:c328… (8 bytes, not UTF-8)");
        assertThat(PayloadPreview.of(null, 10)).isEqualTo("(null)");
        assertThat(PayloadPreview.of(new byte[0], 10)).isEqualTo("(empty)");
        assertThat(PayloadPreview.of("a\uD83D\uDE00b".getBytes(UTF_8), 10)).as("emoji are printable").isEqualTo("a\uD83D\uDE00b");
    }

    @Test
    void textNamesWhereWhenWhyAndTheOrigin() {
        DeadLetterRecord replayed = letter(9, 1_764_065_730_123L, "EVENT_TYPE_TOO_LONG", 1, 77,
                new ReplayProvenance(2, "user-events", 0, 41));

        String text = DeadLetterFormat.text(replayed);

        assertThat(text).contains("user-events-dlq-0@9  2025-11-25T10:15:30.123Z  EVENT_TYPE_TOO_LONG  replay attempts 2")
                .contains("message: why EVENT_TYPE_TOO_LONG")
                .contains("source:  user-events-1@77 (2025-11-25T10:15:30.118Z)")
                .contains("origin:  user-events-0@41")
                .contains("key:     user-1")
                .contains("value:   {\"n\":77}");
    }

    @Test
    void jsonHoldsEveryHeaderAndTheWholePayload() throws Exception {
        DeadLetterRecord text = letter(3, 1_000, "MALFORMED_JSON", 2, 5, null);
        DeadLetterRecord binary = DeadLetterRecord.of(DeadLetters.record(4, 1_000, "INVALID_ENCODING", 2, 6, null,
                new byte[] {(byte) 0xff, 1}));

        JsonNode first = new ObjectMapper().readTree(DeadLetterFormat.json(text));
        JsonNode second = new ObjectMapper().readTree(DeadLetterFormat.json(binary));

        assertThat(first.get("reason").asText()).isEqualTo("MALFORMED_JSON");
        assertThat(first.get("source").get("offset").asLong()).isEqualTo(5);
        assertThat(first.get("origin").get("partition").asInt()).isEqualTo(2);
        assertThat(first.get("replayAttempts").asInt()).isZero();
        assertThat(first.get("value").asText()).isEqualTo("{\"n\":5}");
        assertThat(first.get("valueBytes").asInt()).isEqualTo(7);
        assertThat(second.has("value")).isFalse();
        assertThat(Base64.getDecoder().decode(second.get("valueBase64").asText())).containsExactly(0xff, 1);
    }

    @Test
    void statsCountByReasonPartitionHourAndAttempts() throws Exception {
        DeadLetterStats stats = new DeadLetterStats();
        long hour = Instant.parse("2025-11-25T10:00:00Z").toEpochMilli();
        stats.add(letter(0, hour + 1, "A", 0, 1, null));
        stats.add(letter(1, hour + 2, "A", 0, 1, null)); // a duplicate: one event
        stats.add(letter(2, hour + 3_600_000, "B", 1, 2, null));
        stats.add(letter(3, hour + 3_600_001, "A", 2, 9, new ReplayProvenance(1, "user-events", 0, 1)));

        assertThat(stats.total()).isEqualTo(4);
        assertThat(stats.events()).isEqualTo(2);
        assertThat(stats.byReason()).isEqualTo(Map.of("A", 3L, "B", 1L));
        assertThat(stats.bySourcePartition()).isEqualTo(Map.of("user-events-0", 2L, "user-events-1", 1L, "user-events-2", 1L));
        assertThat(stats.byHour()).isEqualTo(Map.of(Instant.parse("2025-11-25T10:00:00Z"), 2L,
                Instant.parse("2025-11-25T11:00:00Z"), 2L));
        assertThat(stats.byAttempts()).isEqualTo(Map.of(0, 3L, 1, 1L));
        assertThat(DeadLetterFormat.text(stats, "(all)")).startsWith("4 dead letters (2 events) (all)")
                .contains("by reason", "  A ", "2025-11-25T11:00:00Z          2");
        JsonNode json = new ObjectMapper().readTree(DeadLetterFormat.json(stats, Optional.empty(), Optional.empty()));
        assertThat(json.get("byReason").get("A").asLong()).isEqualTo(3);
        assertThat(json.get("events").asInt()).isEqualTo(2);
    }
}
