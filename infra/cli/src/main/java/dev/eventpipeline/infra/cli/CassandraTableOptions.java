package dev.eventpipeline.infra.cli;

import dev.eventpipeline.connectors.cassandra.CqlIdentifiers;
import dev.eventpipeline.infra.cassandra.SchemaTarget;
import dev.eventpipeline.job.config.JobOptions;
import dev.eventpipeline.model.TableLayout;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Which events table a command creates, reads or has the job write: the job's own options
 * ({@code cassandra.table-layout}, {@code cassandra.keyspace}, {@code cassandra.table}) with the job's
 * defaults, mixed into {@code up}, {@code query}, {@code run} and {@code demo}, so the CLI and the job agree.
 */
final class CassandraTableOptions {

    @Option(names = "--table-layout", paramLabel = "LAYOUT", converter = TableLayoutConverter.class,
            description = {"Primary key of the events table, as the job's cassandra.table-layout: seed (table "
                    + UserEventCassandraModel.TABLE + ") or event-id (table user_events_by_event_id, where events of "
                    + "the same millisecond and type are separate rows). Default: seed."})
    TableLayout layout;

    @Option(names = "--cassandra.keyspace", paramLabel = "NAME", converter = Identifier.class,
            description = "Keyspace of the events table, as the job's (default " + UserEventCassandraModel.KEYSPACE + ").")
    String keyspace;

    @Option(names = "--cassandra.table", paramLabel = "NAME", converter = Identifier.class,
            description = "The events table, as the job's (default: the layout's, " + UserEventCassandraModel.TABLE
                    + " or user_events_by_event_id).")
    String table;

    /** The table these options name, the job's defaults for what was not given. */
    SchemaTarget target() {
        TableLayout chosen = layout != null ? layout : TableLayout.SEED;
        return new SchemaTarget(chosen, keyspace != null ? keyspace : UserEventCassandraModel.KEYSPACE,
                table != null ? table : chosen.defaultTable());
    }

    /**
     * The job's options for what was given (and only that, so job options after `--` in `run` still win
     * over the job's defaults as they did).
     */
    List<String> jobArguments() {
        List<String> arguments = new ArrayList<>();
        if (layout != null) {
            arguments.addAll(List.of("--" + JobOptions.CASSANDRA_TABLE_LAYOUT.key(), layout.optionValue()));
        }
        if (keyspace != null) {
            arguments.addAll(List.of("--" + JobOptions.CASSANDRA_KEYSPACE.key(), keyspace));
        }
        if (table != null) {
            arguments.addAll(List.of("--" + JobOptions.CASSANDRA_TABLE.key(), table));
        }
        return List.copyOf(arguments);
    }

    /** {@code --table-layout seed|event-id}, named as the job's {@code cassandra.table-layout}. */
    static final class TableLayoutConverter implements ITypeConverter<TableLayout> {
        @Override
        public TableLayout convert(String value) {
            try {
                return TableLayout.fromOptionValue(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a table layout: expected one of "
                        + TableLayout.optionValues());
            }
        }
    }

    /** A keyspace or table name the job accepts too: a lower-case CQL identifier. */
    static final class Identifier implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String name = value.trim();
            if (!CqlIdentifiers.isValid(name)) {
                throw new TypeConversionException("'" + value + "' is not a lower-case CQL identifier: a letter, then "
                        + "letters, digits or _ (at most 48)");
            }
            return name;
        }
    }
}
