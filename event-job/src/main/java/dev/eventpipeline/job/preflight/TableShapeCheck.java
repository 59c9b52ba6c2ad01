package dev.eventpipeline.job.preflight;

import dev.eventpipeline.model.TableLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Compares the table Cassandra has with the one the job writes: keyspace and table exist, every
 * column the job writes is there with its type, and the primary key is the layout's. Columns the
 * job does not write are ignored, and so is the clustering order (writes do not depend on it).
 * {@code varchar} is {@code text} to Cassandra, and a {@code frozen<>} collection takes the same
 * whole-value writes, so both count as the expected type.
 */
final class TableShapeCheck {

    private final String keyspace;
    private final String table;
    private final TableLayout layout;

    TableShapeCheck(String keyspace, String table, TableLayout layout) {
        this.keyspace = keyspace;
        this.table = table;
        this.layout = layout;
    }

    /** Problems, each naming its fix; empty when the job can write the table. */
    List<String> problems(boolean keyspaceExists, Optional<TableShape> found) {
        if (!keyspaceExists) {
            return List.of("keyspace " + keyspace + " does not exist: "
                    + (isSchemaFilesKeyspace() ? "run " + ExpectedTable.schemaFile(TableLayout.SEED)
                            + (layout == TableLayout.SEED ? "" : " and " + ExpectedTable.schemaFile(layout))
                            + " (" + ExpectedTable.upCommand(layout) + " does)"
                            : "create it (" + ExpectedTable.schemaFile(TableLayout.SEED) + " shows how)")
                    + " or set cassandra.keyspace");
        }
        if (found.isEmpty()) {
            return List.of("table " + qualified() + " does not exist: " + createHint() + " or set cassandra.table");
        }
        return shapeProblems(found.get());
    }

    private List<String> shapeProblems(TableShape found) {
        List<String> problems = new ArrayList<>();
        List<String> keyColumns = new ArrayList<>(ExpectedTable.partitionKey());
        keyColumns.addAll(ExpectedTable.clusteringColumns(layout));
        boolean keyMatches = true;
        if (!found.partitionKey().equals(ExpectedTable.partitionKey())) {
            keyMatches = false;
            problems.add("table " + qualified() + " has partition key " + list(found.partitionKey())
                    + " but the job writes partition key " + list(ExpectedTable.partitionKey()) + ": "
                    + recreateHint());
        }
        if (!found.clusteringColumns().equals(ExpectedTable.clusteringColumns(layout))) {
            keyMatches = false;
            problems.add(clusteringProblem(found.clusteringColumns()));
        }
        for (Map.Entry<String, String> expected : ExpectedTable.COLUMNS.entrySet()) {
            String column = expected.getKey();
            String type = found.columnTypes().get(column);
            if (type == null) {
                if (!keyColumns.contains(column) || keyMatches) {
                    problems.add("table " + qualified() + " has no column " + column + " (expected "
                            + expected.getValue() + "): add it (ALTER TABLE " + qualified() + " ADD " + column + " "
                            + expected.getValue() + ") or set cassandra.table");
                }
                // A missing key column is already reported as a key that differs.
            } else if (!sameType(type, expected.getValue())) {
                problems.add("table " + qualified() + ": column " + column + " is " + type + ", expected "
                        + expected.getValue() + ": " + recreateHint());
            }
        }
        return problems;
    }

    private String clusteringProblem(List<String> found) {
        for (TableLayout other : TableLayout.values()) {
            if (other != layout && other.clusteringColumns().equals(found)) {
                return "table " + qualified() + " has clustering columns " + list(found) + " but cassandra.table-layout="
                        + layout.optionValue() + ": set cassandra.table-layout=" + other.optionValue();
            }
        }
        return "table " + qualified() + " has clustering columns " + list(found) + " but cassandra.table-layout="
                + layout.optionValue() + " writes " + list(ExpectedTable.clusteringColumns(layout)) + ": "
                + recreateHint();
    }

    /** Same CQL type, ignoring spacing, case, varchar for text and a frozen wrapper. */
    static boolean sameType(String found, String expected) {
        return normalise(found).equals(normalise(expected));
    }

    private static String normalise(String type) {
        String compact = type.replaceAll("\\s+", "").toLowerCase(Locale.ROOT).replaceAll("\\bvarchar\\b", "text");
        while (compact.startsWith("frozen<") && compact.endsWith(">")) {
            compact = compact.substring("frozen<".length(), compact.length() - 1);
        }
        return compact;
    }

    private String qualified() {
        return keyspace + "." + table;
    }

    private boolean isSchemaFilesKeyspace() {
        return keyspace.equals(CassandraChecks.SCHEMA_FILES_KEYSPACE);
    }

    /** The table the layout's schema file creates, under its own name? Then running that file is the fix. */
    private boolean isSchemaFilesTable() {
        return isSchemaFilesKeyspace() && table.equals(layout.defaultTable());
    }

    private String createHint() {
        return isSchemaFilesTable()
                ? "run " + ExpectedTable.schemaFile(layout) + " (" + ExpectedTable.upCommand(layout) + " does)"
                : "create it with the columns and key of " + ExpectedTable.schemaFile(layout)
                        + " (cassandra.table-layout=" + layout.optionValue() + ")";
    }

    private String recreateHint() {
        return "recreate it as " + ExpectedTable.schemaFile(layout) + " does (cassandra.table-layout="
                + layout.optionValue() + "), or set cassandra.table to a table that has this shape";
    }

    private static String list(List<String> columns) {
        return columns.isEmpty() ? "(none)" : "(" + String.join(", ", columns) + ")";
    }
}
