package dev.eventpipeline.infra.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.cassandra.SchemaTarget;
import dev.eventpipeline.infra.process.Ports;
import dev.eventpipeline.infra.security.CassandraRole;
import dev.eventpipeline.model.TableLayout;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(name = "query", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints one user's events for a day or a range of days, newest first, or counts them.",
                "Read from Cassandra in the table's clustering order: time, type, event_id and full metadata. No cqlsh needed.",
                "--format json prints one JSON object per event (or the counts) for scripts.",
                "--table-layout event-id reads user_events_by_event_id (the job's cassandra.table-layout=event-id);",
                "--cassandra.keyspace and --cassandra.table read another table, as the job's options of these names."})
final class QueryCommand implements Callable<Integer> {

    /** The longest range one query reads: one partition per day. */
    static final int MAX_DAYS = 366;

    enum Format { text, json }

    @Option(names = "--user", required = true, paramLabel = "UUID", converter = StrictUuid.class,
            description = "The user_id, e.g. 589e4567-e89b-12d3-a456-426614174000.")
    UUID user;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", converter = IsoDate.class,
            description = "The day (UTC), e.g. 2025-11-25. Or a range with --from and --to.")
    LocalDate date;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", converter = IsoDate.class,
            description = "First day of a range (UTC), with --to; at most " + MAX_DAYS + " days.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", converter = IsoDate.class,
            description = "Last day of the range (UTC), inclusive.")
    LocalDate to;

    @Option(names = "--count", description = "Count the user's events per day and in all, instead of listing them.")
    boolean count;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", converter = PositiveInt.class,
            description = "At most this many events, the newest (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default): an aligned table; json: one JSON object per line.")
    Format format;

    @Mixin
    CassandraTableOptions table;

    @Mixin
    StackOptions stack;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Days days = days();
        LocalServers servers = stack.servers();
        if (servers.cassandraContactPoints().stream()
                .noneMatch(node -> Ports.isListening(node.getHostString(), node.getPort()))) {
            throw new IllegalStateException("Cassandra is not running on port " + servers.cassandra().cqlPort()
                    + "; start the local stack with `pipeline up`.");
        }
        // The reader role over TLS when secured; no schema metadata: the one table it reads is checked by a query.
        try (CqlSession session = servers.openQuerySession(CassandraRole.READER)) {
            SchemaTarget target = table.target();
            requireTable(session, target);
            PrintWriter out = spec.commandLine().getOut();
            if (count) {
                Map<LocalDate, Long> counts = counts(session, target, user, days);
                out.print(format == Format.json ? TimelineJson.counts(user, days, counts)
                        : Timeline.renderCounts(target.qualifiedTable(), user, days, counts));
            } else {
                List<Timeline.Row> rows = timeline(session, target, user, days, limit);
                out.print(format == Format.json ? TimelineJson.rows(user, rows)
                        : Timeline.render(target.qualifiedTable(), user, days, rows, limit));
            }
            out.flush(); // print() does not flush, and System.exit does not either
        }
        return 0;
    }

    /** --date, or --from with --to: exactly one of them, a range in order and at most {@link #MAX_DAYS} days. */
    Days days() {
        if (date != null && (from != null || to != null)) {
            throw new ParameterException(spec.commandLine(), "give --date for one day or --from and --to for a range, not both");
        }
        if (date != null) {
            return new Days(date, date);
        }
        if (from == null || to == null) {
            throw new ParameterException(spec.commandLine(), "missing the day: give --date YYYY-MM-DD, or --from and --to");
        }
        if (to.isBefore(from)) {
            throw new ParameterException(spec.commandLine(), "--to " + to + " is before --from " + from);
        }
        Days range = new Days(from, to);
        if (range.count() > MAX_DAYS) {
            throw new ParameterException(spec.commandLine(), "--from " + from + " --to " + to + " spans " + range.count()
                    + " days; at most " + MAX_DAYS + " (one Cassandra partition per day)");
        }
        return range;
    }

    /** The table's existence from system_schema, which any role may read (the session loads no schema metadata). */
    static void requireTable(CqlSession session, SchemaTarget target) {
        boolean exists = session.execute(SimpleStatement.newInstance(
                "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?",
                target.keyspace(), target.table())).one() != null;
        if (!exists) {
            throw missingTable(target);
        }
    }

    /** A missing table is an error that says how to create it. */
    static IllegalStateException missingTable(SchemaTarget target) {
        return new IllegalStateException("Table " + target.qualifiedTable() + " does not exist; "
                + "create it with `pipeline up" + String.join("", upOptions(target))
                + "` (applies infra/cassandra/" + target.layout().schemaFile() + ").");
    }

    /** The options of `up` that create the target's table: those that differ from the defaults. */
    static List<String> upOptions(SchemaTarget target) {
        SchemaTarget defaults = SchemaTarget.of(target.layout());
        List<String> options = new ArrayList<>();
        if (target.layout() != TableLayout.SEED) {
            options.add(" --table-layout " + target.layout().optionValue());
        }
        if (!target.keyspace().equals(defaults.keyspace())) {
            options.add(" --cassandra.keyspace " + target.keyspace());
        }
        if (!target.table().equals(defaults.table())) {
            options.add(" --cassandra.table " + target.table());
        }
        return options;
    }

    /** The newest {@code limit} rows of the user's day in the target table, newest first (its clustering order). */
    static List<Timeline.Row> timeline(CqlSession session, SchemaTarget target, UUID user, LocalDate date, int limit) {
        return timeline(session, target, user, new Days(date, date), limit);
    }

    /** The newest {@code limit} rows of the user's days, newest day first, each in its clustering order. */
    static List<Timeline.Row> timeline(CqlSession session, SchemaTarget target, UUID user, Days days, int limit) {
        List<Timeline.Row> rows = new ArrayList<>();
        for (LocalDate day : days.newestFirst()) {
            if (rows.size() >= limit) {
                break;
            }
            for (Row row : session.execute(SimpleStatement.newInstance(
                    "SELECT bucket_date, event_time, event_type, event_id, metadata FROM " + target.qualifiedTable()
                            + " WHERE user_id = ? AND bucket_date = ? LIMIT ?",
                    user, day, limit - rows.size()))) {
                rows.add(new Timeline.Row(row.getLocalDate("bucket_date"), row.getInstant("event_time"),
                        row.getString("event_type"), row.getUuid("event_id"),
                        row.getMap("metadata", String.class, String.class)));
            }
        }
        return rows;
    }

    /** Rows per day (0 included), the days' partitions counted together. */
    static Map<LocalDate, Long> counts(CqlSession session, SchemaTarget target, UUID user, Days days) {
        Map<LocalDate, CompletionStage<AsyncResultSet>> pending = new TreeMap<>();
        for (LocalDate day : days.newestFirst()) {
            pending.put(day, session.executeAsync(SimpleStatement.newInstance("SELECT COUNT(*) FROM "
                    + target.qualifiedTable() + " WHERE user_id = ? AND bucket_date = ?", user, day)));
        }
        Map<LocalDate, Long> counts = new TreeMap<>();
        pending.forEach((day, result) -> counts.put(day,
                result.toCompletableFuture().join().one().getLong(0)));
        return counts;
    }

    /** Only the canonical 8-4-4-4-12 form: {@link UUID#fromString} also takes "1-2-3-4-5". */
    static final class StrictUuid implements ITypeConverter<UUID> {
        private static final Pattern CANONICAL = Pattern.compile(
                "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

        @Override
        public UUID convert(String value) {
            if (!CANONICAL.matcher(value.trim()).matches()) {
                throw new TypeConversionException("'" + value + "' is not a UUID: expected 32 hex digits as 8-4-4-4-12, "
                        + "e.g. 589e4567-e89b-12d3-a456-426614174000");
            }
            return UUID.fromString(value.trim());
        }
    }

    static final class IsoDate implements ITypeConverter<LocalDate> {
        private static final DateTimeFormatter STRICT = DateTimeFormatter.ofPattern("uuuu-MM-dd")
                .withResolverStyle(ResolverStyle.STRICT);

        @Override
        public LocalDate convert(String value) {
            try {
                return LocalDate.parse(value.trim(), STRICT);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a date: expected YYYY-MM-DD (UTC day), e.g. 2025-11-25");
            }
        }
    }

    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int parsed = Integer.parseInt(value.trim());
                if (parsed >= 1) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // fall through
            }
            throw new TypeConversionException("'" + value + "' is not a positive whole number");
        }
    }
}
