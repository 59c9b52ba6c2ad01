package dev.eventpipeline.job.preflight;

import dev.eventpipeline.model.TableLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table the job writes, as infra/cassandra/schema.cql and schema-event-id.cql create it: the
 * same columns for both layouts, the layout deciding the clustering columns.
 */
final class ExpectedTable {

    /** Column → CQL type, as Cassandra writes types in system_schema.columns. */
    static final Map<String, String> COLUMNS;

    static {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("user_id", "uuid");
        columns.put("bucket_date", "date");
        columns.put("event_time", "timestamp");
        columns.put("event_type", "text");
        columns.put("event_id", "uuid");
        columns.put("metadata", "map<text, text>");
        COLUMNS = java.util.Collections.unmodifiableMap(columns);
    }

    private ExpectedTable() {}

    static List<String> partitionKey() {
        return TableLayout.PARTITION_KEY;
    }

    static List<String> clusteringColumns(TableLayout layout) {
        return layout.clusteringColumns();
    }

    /** How infra/cassandra creates the layout's table, for messages: "infra/cassandra/schema.cql". */
    static String schemaFile(TableLayout layout) {
        return "infra/cassandra/" + layout.schemaFile();
    }

    /** The `pipeline up` command that applies the layout's file. */
    static String upCommand(TableLayout layout) {
        return layout == TableLayout.SEED ? "pipeline up" : "pipeline up --table-layout " + layout.optionValue();
    }
}
