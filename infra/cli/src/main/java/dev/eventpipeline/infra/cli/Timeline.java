package dev.eventpipeline.infra.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/** One user's day as an aligned text table: time, type, event_id, metadata; rows in the order given. */
final class Timeline {

    /** One row of the events table (either layout), as far as the table shows it. */
    record Row(Instant eventTime, String eventType, UUID eventId, Map<String, String> metadata) {}

    static final int MAX_VALUE_WIDTH = 40;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String[] HEADER = {"time (UTC)", "type", "event_id", "metadata"};

    private Timeline() {}

    /**
     * The table with a title line. {@code limit} is the query's limit: when as many rows came back,
     * a last line says there may be more.
     */
    static String render(UUID user, LocalDate date, List<Row> rows, int limit) {
        return render(null, user, date, rows, limit);
    }

    /** As {@link #render(UUID, LocalDate, List, int)}, naming the table read ({@code keyspace.table}) in the title. */
    static String render(String table, UUID user, LocalDate date, List<Row> rows, int limit) {
        StringBuilder out = new StringBuilder();
        String source = table == null ? "" : " in " + table;
        if (rows.isEmpty()) {
            return out.append("No events for user ").append(user).append(" on ").append(date).append(" (UTC)")
                    .append(source).append('.').append(System.lineSeparator()).toString();
        }
        out.append("Timeline of user ").append(user).append(" on ").append(date).append(" (UTC)").append(source)
                .append(", newest first: ")
                .append(rows.size()).append(rows.size() == 1 ? " event" : " events").append(System.lineSeparator());
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADER);
        for (Row row : rows) {
            cells.add(new String[] {TIME.format(row.eventTime()), printable(row.eventType()), row.eventId().toString(),
                metadata(row.metadata())});
        }
        int[] widths = new int[HEADER.length - 1];
        for (String[] line : cells) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], line[column].length());
            }
        }
        for (String[] line : cells) {
            StringBuilder text = new StringBuilder();
            for (int column = 0; column < widths.length; column++) {
                text.append(String.format("%-" + widths[column] + "s  ", line[column]));
            }
            out.append(text.append(line[HEADER.length - 1]).toString().stripTrailing()).append(System.lineSeparator());
        }
        if (rows.size() >= limit) {
            out.append("(the newest ").append(limit).append(" events; there may be more: raise --limit)")
                    .append(System.lineSeparator());
        }
        return out.toString();
    }

    /** {@code key=value} pairs by key, each value cut to {@value #MAX_VALUE_WIDTH} characters. */
    static String metadata(Map<String, String> metadata) {
        if (metadata.isEmpty()) {
            return "-";
        }
        return new TreeMap<>(metadata).entrySet().stream()
                .map(entry -> printable(entry.getKey()) + "=" + printable(entry.getValue()))
                .collect(Collectors.joining(" "));
    }

    /** Control characters shown escaped and long text cut, so one row stays one line. */
    private static String printable(String text) {
        String cut = text.length() > MAX_VALUE_WIDTH ? text.substring(0, MAX_VALUE_WIDTH - 1) + "…" : text;
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append(Character.toChars(c));
            }
        });
        return out.toString();
    }
}
