package dev.eventpipeline.infra.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.eventpipeline.model.TableLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline's schema, read from infra/cassandra: {@code schema.cql} (the keyspace and the seed
 * table {@code user_events}) and, for {@link TableLayout#EVENT_ID}, {@code schema-event-id.cql} (the
 * table {@code user_events_by_event_id} only), packaged as {@code eventpipeline/<file>}.
 */
public final class CassandraSchema {

    public static final String KEYSPACE = "event_streaming";
    public static final String USER_EVENTS_TABLE = "user_events";

    static final String RESOURCE_DIRECTORY = "eventpipeline/";

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
        List<String> statements = new ArrayList<>(read(TableLayout.SEED.schemaFile()));
        if (layout != TableLayout.SEED) {
            statements.addAll(read(layout.schemaFile()));
        }
        return List.copyOf(statements);
    }

    /** The table the layout's schema file creates, as {@code keyspace.table}. */
    public static String qualifiedTable(TableLayout layout) {
        return KEYSPACE + "." + layout.defaultTable();
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
        for (String statement : statements(layout)) {
            // DDL waits for schema agreement, which takes longer than a normal request on a busy machine.
            session.execute(SimpleStatement.newInstance(statement).setTimeout(Duration.ofSeconds(60)));
        }
    }
}
