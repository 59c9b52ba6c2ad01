package dev.eventpipeline.infra.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** `query --format json`: one JSON object per line, the table's columns by their CQL names, values in full. */
final class TimelineJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TimelineJson() {}

    /** One line per row: user_id, bucket_date, event_time (ISO-8601, UTC), event_type, event_id, metadata. */
    static String rows(UUID user, List<Timeline.Row> rows) {
        StringBuilder out = new StringBuilder();
        for (Timeline.Row row : rows) {
            ObjectNode line = JSON.createObjectNode()
                    .put("user_id", user.toString())
                    .put("bucket_date", row.bucketDate().toString())
                    .put("event_time", row.eventTime().toString())
                    .put("event_type", row.eventType())
                    .put("event_id", row.eventId().toString());
            ObjectNode metadata = line.putObject("metadata");
            new TreeMap<>(row.metadata()).forEach(metadata::put);
            out.append(write(line)).append(System.lineSeparator());
        }
        return out.toString();
    }

    /** One line: user_id, from, to, total and the count per day. */
    static String counts(UUID user, Days days, Map<LocalDate, Long> counts) {
        ObjectNode line = JSON.createObjectNode()
                .put("user_id", user.toString())
                .put("from", days.first().toString())
                .put("to", days.last().toString())
                .put("total", counts.values().stream().mapToLong(Long::longValue).sum());
        ObjectNode perDay = line.putObject("days");
        new TreeMap<>(counts).forEach((day, count) -> perDay.put(day.toString(), count));
        return write(line) + System.lineSeparator();
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of strings and numbers always serializes", e);
        }
    }
}
