package dev.eventpipeline.infra.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The pipeline's schema, read from infra/cassandra/schema.cql (packaged as eventpipeline/schema.cql). */
public final class CassandraSchema {

    public static final String KEYSPACE = "event_streaming";
    public static final String USER_EVENTS_TABLE = "user_events";

    static final String RESOURCE = "eventpipeline/schema.cql";

    private CassandraSchema() {}

    /** The statements of schema.cql, in order, without comments. */
    public static List<String> statements() {
        try (InputStream in = CassandraSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("No " + RESOURCE + " on the class path");
            }
            return split(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
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

    /** Runs every statement; they are all IF NOT EXISTS, so applying twice is harmless. */
    public static void apply(CqlSession session) {
        for (String statement : statements()) {
            // DDL waits for schema agreement, which takes longer than a normal request on a busy machine.
            session.execute(SimpleStatement.newInstance(statement).setTimeout(Duration.ofSeconds(60)));
        }
    }
}
