package dev.eventpipeline.infra.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.cassandra.SchemaTarget;
import dev.eventpipeline.infra.process.Ports;
import dev.eventpipeline.model.TableLayout;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(name = "query", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints one user's timeline for one day, newest first.",
                "Read from Cassandra in the table's clustering order: time, type, event_id and metadata. No cqlsh needed.",
                "--table-layout event-id reads user_events_by_event_id (the job's cassandra.table-layout=event-id);",
                "--cassandra.keyspace and --cassandra.table read another table, as the job's options of these names."})
final class QueryCommand implements Callable<Integer> {

    @Option(names = "--user", required = true, paramLabel = "UUID", converter = StrictUuid.class,
            description = "The user_id, e.g. 589e4567-e89b-12d3-a456-426614174000.")
    UUID user;

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", converter = IsoDate.class,
            description = "The day (UTC), e.g. 2025-11-25.")
    LocalDate date;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", converter = PositiveInt.class,
            description = "At most this many events, the newest (default ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    CassandraTableOptions table;

    @Mixin
    StackOptions stack;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LocalServers servers = stack.servers();
        if (servers.cassandraContactPoints().stream()
                .noneMatch(node -> Ports.isListening(node.getHostString(), node.getPort()))) {
            throw new IllegalStateException("Cassandra is not running on port " + servers.cassandra().cqlPort()
                    + "; start the local stack with `pipeline up`.");
        }
        try (CqlSession session = StackOptions.readerSession(servers)) { // the reader role over TLS when secured
            SchemaTarget target = table.target();
            requireTable(session, target);
            PrintWriter out = spec.commandLine().getOut();
            out.print(Timeline.render(target.qualifiedTable(), user, date, timeline(session, target, user, date, limit), limit));
            out.flush(); // print() does not flush, and System.exit does not either
        }
        return 0;
    }

    /** A missing table is an error that says how to create it. */
    static void requireTable(CqlSession session, SchemaTarget target) {
        boolean exists = session.getMetadata().getKeyspace(target.keyspace())
                .flatMap(keyspace -> keyspace.getTable(target.table()))
                .isPresent();
        if (!exists) {
            throw new IllegalStateException("Table " + target.qualifiedTable() + " does not exist; "
                    + "create it with `pipeline up" + String.join("", upOptions(target))
                    + "` (applies infra/cassandra/" + target.layout().schemaFile() + ").");
        }
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
        List<Timeline.Row> rows = new ArrayList<>();
        for (Row row : session.execute(SimpleStatement.newInstance(
                "SELECT event_time, event_type, event_id, metadata FROM " + target.qualifiedTable()
                        + " WHERE user_id = ? AND bucket_date = ? LIMIT ?",
                user, date, limit))) {
            rows.add(new Timeline.Row(row.getInstant("event_time"), row.getString("event_type"), row.getUuid("event_id"),
                    row.getMap("metadata", String.class, String.class)));
        }
        return rows;
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
