package dev.eventpipeline.job.preflight;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table as Cassandra describes it: every column's CQL type, and the key columns in key order.
 * Built from the rows of {@code system_schema.columns}, so independent of any driver's type model.
 */
record TableShape(Map<String, String> columnTypes, List<String> partitionKey, List<String> clusteringColumns) {

    TableShape {
        columnTypes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columnTypes));
        partitionKey = List.copyOf(partitionKey);
        clusteringColumns = List.copyOf(clusteringColumns);
    }

    /** One row of {@code system_schema.columns}: kind is partition_key, clustering, regular or static. */
    record Column(String name, String kind, int position, String type) {}

    static TableShape of(List<Column> columns) {
        Map<String, String> types = new LinkedHashMap<>();
        List<Column> partition = new ArrayList<>();
        List<Column> clustering = new ArrayList<>();
        for (Column column : columns) {
            types.put(column.name(), column.type());
            if ("partition_key".equals(column.kind())) {
                partition.add(column);
            } else if ("clustering".equals(column.kind())) {
                clustering.add(column);
            }
        }
        partition.sort(Comparator.comparingInt(Column::position));
        clustering.sort(Comparator.comparingInt(Column::position));
        return new TableShape(types, partition.stream().map(Column::name).toList(),
                clustering.stream().map(Column::name).toList());
    }
}
