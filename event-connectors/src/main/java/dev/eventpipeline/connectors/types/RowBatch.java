package dev.eventpipeline.connectors.types;

import java.util.List;

/**
 * One Cassandra partition's rows, written as one request, and the write timestamp they all get.
 * The timestamp is fixed when the batch is formed, so a retry (after a transient error, or row by
 * row after a refusal) writes with the time the batch was first sent and cannot put an earlier
 * event over a later one of the same primary key.
 *
 * @param writeTimestampMicros Cassandra's write time for every row, microseconds since the epoch
 * @param estimatedBytes the rows' size as the sink counts it for {@code numBytesOut}
 */
public record RowBatch(long writeTimestampMicros, List<SourcedRow> rows, long estimatedBytes) {

    public int size() {
        return rows.size();
    }
}
