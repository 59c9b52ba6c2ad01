package dev.eventpipeline.model;

import java.util.List;
import java.util.Locale;

/**
 * The primary key of the events table. Both layouts store the same columns; they differ in which
 * events share a row. With {@link #SEED} two events of one user with the same {@code event_time}
 * (milliseconds) and {@code event_type} are one row, so the later write replaces the earlier; with
 * {@link #EVENT_ID} {@code event_id} is the last clustering column and only events with the same
 * {@code event_id} (true duplicates) share a row.
 */
public enum TableLayout {
    /** {@code PRIMARY KEY ((user_id, bucket_date), event_time, event_type)}: the seed's table. */
    SEED("seed", UserEventCassandraModel.TABLE, "schema.cql", List.of("event_time", "event_type")),
    /** {@code PRIMARY KEY ((user_id, bucket_date), event_time, event_type, event_id)}: no collisions. */
    EVENT_ID("event-id", "user_events_by_event_id", "schema-event-id.cql", List.of("event_time", "event_type", "event_id"));

    public static final List<String> PARTITION_KEY = List.of("user_id", "bucket_date");

    private final String optionValue;
    private final String defaultTable;
    private final String schemaFile;
    private final List<String> clusteringColumns;

    TableLayout(String optionValue, String defaultTable, String schemaFile, List<String> clusteringColumns) {
        this.optionValue = optionValue;
        this.defaultTable = defaultTable;
        this.schemaFile = schemaFile;
        this.clusteringColumns = clusteringColumns;
    }

    /** How the layout is named in options ({@code cassandra.table-layout}, {@code --table-layout}). */
    public String optionValue() {
        return optionValue;
    }

    /** The table its schema file creates in {@link UserEventCassandraModel#KEYSPACE}. */
    public String defaultTable() {
        return defaultTable;
    }

    /** The file under {@code infra/cassandra/} that creates the table. */
    public String schemaFile() {
        return schemaFile;
    }

    /** Clustering columns in key order. */
    public List<String> clusteringColumns() {
        return clusteringColumns;
    }

    public static TableLayout fromOptionValue(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (TableLayout layout : values()) {
            if (layout.optionValue.equals(wanted)) {
                return layout;
            }
        }
        throw new IllegalArgumentException("must be one of " + optionValues());
    }

    public static String optionValues() {
        StringBuilder names = new StringBuilder();
        for (TableLayout layout : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(layout.optionValue);
        }
        return names.toString();
    }
}
