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
                new Timeline.Row(DAY, Instant.parse("2025-11-25T10:15:30.123Z"), "purchase",
                        UUID.fromString("7d2f1c9e-3b4a-4f6d-9e8c-1a2b3c4d5e6f"),
                        Map.of("source", "web", "amount", "49.90", "currency", "EUR")),
                new Timeline.Row(DAY, Instant.parse("2025-11-25T09:01:02Z"), "view",
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
        List<Timeline.Row> rows = List.of(new Timeline.Row(DAY, Instant.parse("2025-11-25T10:15:30Z"), "view", USER, Map.of()));

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
        List<Timeline.Row> rows = List.of(new Timeline.Row(DAY, Instant.parse("2025-11-25T10:15:30Z"), "view", USER, Map.of()));

        assertThat(Timeline.render("event_streaming.user_events_by_event_id", USER, DAY, rows, 10).lines().findFirst())
                .contains("Timeline of user 589e4567-e89b-12d3-a456-426614174000 on 2025-11-25 (UTC)"
                        + " in event_streaming.user_events_by_event_id, newest first: 1 event");
        assertThat(Timeline.render("event_streaming.user_events", USER, DAY, List.of(), 10))
                .isEqualTo("No events for user 589e4567-e89b-12d3-a456-426614174000 on 2025-11-25 (UTC)"
                        + " in event_streaming.user_events." + System.lineSeparator());
    }

    @Test
    void valuesArePrintedInFullWithControlCharactersEscapedSoARowStaysOneLine() {
        String metadata = Timeline.metadata(Map.of("agent", "x".repeat(500), "note", "two\nlines"));

        assertThat(metadata).isEqualTo("agent=" + "x".repeat(500) + " note=two\\u000alines");
    }

    @Test
    void aRangeShowsTheDateWithEachTime() {
        Days days = new Days(LocalDate.parse("2025-11-24"), DAY);
        List<Timeline.Row> rows = List.of(
                new Timeline.Row(DAY, Instant.parse("2025-11-25T00:00:01Z"), "view", USER, Map.of()),
                new Timeline.Row(LocalDate.parse("2025-11-24"), Instant.parse("2025-11-24T23:59:59Z"), "click", USER, Map.of()));

        assertThat(Timeline.render("event_streaming.user_events", USER, days, rows, 10).lines()).containsExactly(
                "Timeline of user 589e4567-e89b-12d3-a456-426614174000 from 2025-11-24 to 2025-11-25 (UTC)"
                        + " in event_streaming.user_events, newest first: 2 events",
                "time (UTC)               type   event_id                              metadata",
                "2025-11-25 00:00:01.000  view   589e4567-e89b-12d3-a456-426614174000  -",
                "2025-11-24 23:59:59.000  click  589e4567-e89b-12d3-a456-426614174000  -");
    }

    @Test
    void countsShowEveryDayOfARangeAndTheTotal() {
        Days days = new Days(LocalDate.parse("2025-11-23"), DAY);
        Map<LocalDate, Long> counts = Map.of(LocalDate.parse("2025-11-23"), 1_200L, LocalDate.parse("2025-11-24"), 0L, DAY, 3L);

        assertThat(Timeline.renderCounts("event_streaming.user_events", USER, days, counts).lines()).containsExactly(
                "User 589e4567-e89b-12d3-a456-426614174000 from 2025-11-23 to 2025-11-25 (UTC) in event_streaming.user_events: 1,203 events",
                "  2025-11-23  1,200",
                "  2025-11-24  0",
                "  2025-11-25  3");
        assertThat(Timeline.renderCounts("t", USER, new Days(DAY, DAY), Map.of(DAY, 1L)))
                .isEqualTo("User 589e4567-e89b-12d3-a456-426614174000 on 2025-11-25 (UTC) in t: 1 event" + System.lineSeparator());
    }

    @Test
    void jsonHasEveryColumnInFullOneObjectPerLine() throws Exception {
        List<Timeline.Row> rows = List.of(new Timeline.Row(DAY, Instant.parse("2025-11-25T10:15:30.123Z"), "view",
                UUID.fromString("00000000-0000-4000-8000-000000000001"), Map.of("agent", "x".repeat(500), "q", "\"a\"\n")));

        String json = TimelineJson.rows(USER, rows);

        assertThat(json.lines()).hasSize(1);
        com.fasterxml.jackson.databind.JsonNode row = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        assertThat(row.path("user_id").asText()).isEqualTo(USER.toString());
        assertThat(row.path("bucket_date").asText()).isEqualTo("2025-11-25");
        assertThat(row.path("event_time").asText()).isEqualTo("2025-11-25T10:15:30.123Z");
        assertThat(row.path("event_id").asText()).isEqualTo("00000000-0000-4000-8000-000000000001");
        assertThat(row.path("metadata").path("agent").asText()).hasSize(500);
        assertThat(row.path("metadata").path("q").asText()).isEqualTo("\"a\"\n");
        assertThat(TimelineJson.counts(USER, new Days(DAY, DAY), Map.of(DAY, 7L)))
                .isEqualTo("{\"user_id\":\"" + USER + "\",\"from\":\"2025-11-25\",\"to\":\"2025-11-25\",\"total\":7,"
                        + "\"days\":{\"2025-11-25\":7}}" + System.lineSeparator());
    }
}
