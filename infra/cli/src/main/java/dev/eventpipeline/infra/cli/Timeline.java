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

/**
 * One user's day (or days) as an aligned text table: time, type, event_id, metadata, every value in full
 * (control characters escaped, so a row stays one line); rows in the order given.
 */
final class Timeline {

    /** One row of the events table (either layout), as far as the table shows it. */
    record Row(LocalDate bucketDate, Instant eventTime, String eventType, UUID eventId, Map<String, String> metadata) {}

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS", Locale.ROOT)
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
        return render(table, user, new Days(date, date), rows, limit);
    }

    /** The rows of a day or a range of days; over several days the time column shows the date too. */
    static String render(String table, UUID user, Days days, List<Row> rows, int limit) {
        StringBuilder out = new StringBuilder();
        String source = table == null ? "" : " in " + table;
        String period = (days.isOneDay() ? " on " : " from ") + days + " (UTC)";
        if (rows.isEmpty()) {
            return out.append("No events for user ").append(user).append(period)
                    .append(source).append('.').append(System.lineSeparator()).toString();
        }
        out.append("Timeline of user ").append(user).append(period).append(source)
                .append(", newest first: ")
                .append(rows.size()).append(rows.size() == 1 ? " event" : " events").append(System.lineSeparator());
        DateTimeFormatter time = days.isOneDay() ? TIME : DATE_TIME;
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADER);
        for (Row row : rows) {
            cells.add(new String[] {time.format(row.eventTime()), printable(row.eventType()), row.eventId().toString(),
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

    /** Events per day, the days with none included, and the total. */
    static String renderCounts(String table, UUID user, Days days, Map<LocalDate, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "User %s%s (UTC) in %s: %,d event%s%n", user,
                (days.isOneDay() ? " on " : " from ") + days, table, total, total == 1 ? "" : "s"));
        if (!days.isOneDay()) {
            new TreeMap<>(counts).forEach((day, count) -> out.append(String.format(Locale.ROOT, "  %s  %,d%n", day, count)));
        }
        return out.toString();
    }

    /** {@code key=value} pairs by key, in full. */
    static String metadata(Map<String, String> metadata) {
        if (metadata.isEmpty()) {
            return "-";
        }
        return new TreeMap<>(metadata).entrySet().stream()
                .map(entry -> printable(entry.getKey()) + "=" + printable(entry.getValue()))
                .collect(Collectors.joining(" "));
    }

    /** Control characters shown escaped, so one row stays one line; everything else as stored. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append(Character.toChars(c));
            }
        });
        return out.toString();
    }
}
