package dev.eventpipeline.infra.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.eventpipeline.model.TableLayout;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pipeline's schema, read from infra/cassandra: {@code schema.cql} (the keyspace and the seed
 * table {@code user_events}) and, for {@link TableLayout#EVENT_ID}, {@code schema-event-id.cql} (the
 * table {@code user_events_by_event_id} only), packaged as {@code eventpipeline/<file>}. Other keyspace
 * and table names ({@link SchemaTarget}) are substituted for the files' own, so there is one schema.
 */
public final class CassandraSchema {

    static final String RESOURCE_DIRECTORY = "eventpipeline/";
    /** The keyspace statement's replication map, which a {@link Replication} replaces. */
    private static final Pattern KEYSPACE_REPLICATION = Pattern.compile("(WITH replication = )\\{[^}]*\\}");

    private CassandraSchema() {}

    /** The statements of schema.cql, in order, without comments. */
    public static List<String> statements() {
        return statements(TableLayout.SEED);
    }

    /**
     * What creates the layout's table, in order: schema.cql (keyspace and seed table), then for
     * {@link TableLayout#EVENT_ID} its own file.
     */
    public static List<String> statements(TableLayout layout) {
        return statements(SchemaTarget.of(layout));
    }

    /**
     * As {@link #statements(TableLayout)}, in the target's keyspace and with the target's name for the
     * layout's table (for the event-id layout the seed table keeps its name, as the files have it).
     */
    public static List<String> statements(SchemaTarget target) {
        TableLayout layout = target.layout();
        List<String> statements = new ArrayList<>();
        for (TableLayout file : layout == TableLayout.SEED ? List.of(TableLayout.SEED) : List.of(TableLayout.SEED, layout)) {
            for (String statement : read(file.schemaFile())) {
                statements.add(rename(statement, target, file == layout));
            }
        }
        return List.copyOf(statements);
    }

    /**
     * As {@link #statements(SchemaTarget)}, the keyspace created with {@code replication} instead of the file's
     * own (one replica, for a single node). Only a new keyspace gets it: IF NOT EXISTS keeps an existing one as it is.
     */
    public static List<String> statements(SchemaTarget target, Replication replication) {
        return statements(target).stream().map(statement -> withReplication(statement, replication)).toList();
    }

    private static String withReplication(String statement, Replication replication) {
        if (!statement.startsWith("CREATE KEYSPACE")) {
            return statement;
        }
        Matcher map = KEYSPACE_REPLICATION.matcher(statement);
        if (!map.find()) {
            throw new IllegalStateException("schema.cql's keyspace has no replication map: " + statement);
        }
        return map.replaceFirst(Matcher.quoteReplacement(map.group(1) + replication.cqlMap()));
    }

    /** The table the layout's schema file creates, as {@code keyspace.table}. */
    public static String qualifiedTable(TableLayout layout) {
        return SchemaTarget.of(layout).qualifiedTable();
    }

    /** The files' keyspace name replaced by the target's, and (in the layout's own file) its table name. */
    private static String rename(String statement, SchemaTarget target, boolean layoutsFile) {
        String renamed = statement.replaceAll("\\b" + Pattern.quote(UserEventCassandraModel.KEYSPACE) + "\\b",
                Matcher.quoteReplacement(target.keyspace()));
        if (!layoutsFile) {
            return renamed;
        }
        return renamed.replaceAll("\\b" + Pattern.quote(target.keyspace() + "." + target.layout().defaultTable()) + "\\b",
                Matcher.quoteReplacement(target.qualifiedTable()));
    }

    private static List<String> read(String file) {
        String resource = RESOURCE_DIRECTORY + file;
        try (InputStream in = CassandraSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No " + resource + " on the class path");
            }
            return split(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource, e);
        }
    }

    /**
     * Splits a CQL script on ';' after dropping whole-line comments ("--" or "//").
     * Enough for our DDL file; not a general CQL parser (no ';' inside strings).
     */
    static List<String> split(String script) {
        StringBuilder code = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.trim();
            if (!trimmed.startsWith("--") && !trimmed.startsWith("//")) {
                code.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String statement : code.toString().split(";")) {
            String normalised = statement.strip().replaceAll("\\s+", " ");
            if (!normalised.isEmpty()) {
                statements.add(normalised);
            }
        }
        return List.copyOf(statements);
    }

    /** Applies schema.cql (keyspace and seed table); every statement is IF NOT EXISTS, so applying twice is harmless. */
    public static void apply(CqlSession session) {
        apply(session, TableLayout.SEED);
    }

    /** Applies schema.cql and, for {@link TableLayout#EVENT_ID}, schema-event-id.cql; idempotent. */
    public static void apply(CqlSession session, TableLayout layout) {
        apply(session, SchemaTarget.of(layout));
    }

    /** As {@link #apply(CqlSession, TableLayout)}, under the target's names; idempotent. */
    public static void apply(CqlSession session, SchemaTarget target) {
        apply(session, statements(target));
    }

    /** As {@link #apply(CqlSession, SchemaTarget)}, a new keyspace created with {@code replication}; idempotent. */
    public static void apply(CqlSession session, SchemaTarget target, Replication replication) {
        apply(session, statements(target, replication));
    }

    private static void apply(CqlSession session, List<String> statements) {
        for (String statement : statements) {
            // DDL waits for schema agreement, which takes longer than a normal request on a busy machine.
            session.execute(SimpleStatement.newInstance(statement).setTimeout(Duration.ofSeconds(60)));
        }
    }
}
