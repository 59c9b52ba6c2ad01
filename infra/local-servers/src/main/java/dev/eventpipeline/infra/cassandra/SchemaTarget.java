package dev.eventpipeline.infra.cassandra;

import dev.eventpipeline.model.TableLayout;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.util.regex.Pattern;

/**
 * The events table that the schema creates and the tools read: its layout (which primary key, which schema
 * file) and its names, the job's {@code cassandra.table-layout}, {@code cassandra.keyspace} and
 * {@code cassandra.table}. The names default to those infra/cassandra's files use.
 */
public record SchemaTarget(TableLayout layout, String keyspace, String table) {

    /** Unquoted CQL identifiers, as the job accepts them: no quoting needed when substituted into CQL. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,47}");

    public SchemaTarget {
        requireIdentifier("keyspace", keyspace);
        requireIdentifier("table", table);
    }

    /** The layout's table under the schema files' own names. */
    public static SchemaTarget of(TableLayout layout) {
        return new SchemaTarget(layout, UserEventCassandraModel.KEYSPACE, layout.defaultTable());
    }

    /** {@code keyspace.table}. */
    public String qualifiedTable() {
        return keyspace + "." + table;
    }

    private static void requireIdentifier(String what, String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " '" + name
                    + "' is not a lower-case CQL identifier: a letter, then letters, digits or _ (at most 48)");
        }
    }
}
