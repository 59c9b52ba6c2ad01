package dev.eventpipeline.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static final UUID USER = UUID.fromString("589e4567-e89b-12d3-a456-426614174000");
    private static final LocalDate DAY = LocalDate.parse("2025-11-25");

    @Test
    void rendersAnAlignedTableInTheOrderGiven() {
        List<Timeline.Row> rows = List.of(
                new Timeline.Row(Instant.parse("2025-11-25T10:15:30.123Z"), "purchase",
                        UUID.fromString("7d2f1c9e-3b4a-4f6d-9e8c-1a2b3c4d5e6f"),
                        Map.of("source", "web", "amount", "49.90", "currency", "EUR")),
                new Timeline.Row(Instant.parse("2025-11-25T09:01:02Z"), "view",
                        UUID.fromString("00000000-0000-4000-8000-000000000001"), Map.of()));

        String table = Timeline.render(USER, DAY, rows, 100);

        assertThat(table.lines()).containsExactly(
                "Timeline of user 589e4567-e89b-12d3-a456-426614174000 on 2025-11-25 (UTC), newest first: 2 events",
                "time (UTC)    type      event_id                              metadata",
                "10:15:30.123  purchase  7d2f1c9e-3b4a-4f6d-9e8c-1a2b3c4d5e6f  amount=49.90 currency=EUR source=web",
                "09:01:02.000  view      00000000-0000-4000-8000-000000000001  -");
    }

    @Test
    void saysWhenThereMayBeMoreThanTheLimit() {
        List<Timeline.Row> rows = List.of(new Timeline.Row(Instant.parse("2025-11-25T10:15:30Z"), "view", USER, Map.of()));

        assertThat(Timeline.render(USER, DAY, rows, 1)).contains("(the newest 1 events; there may be more: raise --limit)");
        assertThat(Timeline.render(USER, DAY, rows, 2)).doesNotContain("may be more");
    }

    @Test
    void anEmptyDaySaysSo() {
        assertThat(Timeline.render(USER, DAY, List.of(), 10))
                .isEqualTo("No events for user 589e4567-e89b-12d3-a456-426614174000 on 2025-11-25 (UTC)." + System.lineSeparator());
    }

    @Test
    void namesTheTableItReadWhenGivenOne() {
        List<Timeline.Row> rows = List.of(new Timeline.Row(Instant.parse("2025-11-25T10:15:30Z"), "view", USER, Map.of()));

        assertThat(Timeline.render("event_streaming.user_events_by_event_id", USER, DAY, rows, 10).lines().findFirst())
                .contains("Timeline of user 589e4567-e89b-12d3-a456-426614174000 on 2025-11-25 (UTC)"
                        + " in event_streaming.user_events_by_event_id, newest first: 1 event");
        assertThat(Timeline.render("event_streaming.user_events", USER, DAY, List.of(), 10))
                .isEqualTo("No events for user 589e4567-e89b-12d3-a456-426614174000 on 2025-11-25 (UTC)"
                        + " in event_streaming.user_events." + System.lineSeparator());
    }

    @Test
    void longValuesAreCutAndControlCharactersEscapedSoARowStaysOneLine() {
        String metadata = Timeline.metadata(Map.of("agent", "x".repeat(500), "note", "two\nlines"));

        assertThat(metadata).isEqualTo("agent=" + "x".repeat(Timeline.MAX_VALUE_WIDTH - 1) + "… note=two\\u000alines");
    }
}
