package dev.eventpipeline.connectors.batch;

import dev.eventpipeline.model.UserEventCassandraModel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Groups rows by Cassandra partition ({@code user_id}, {@code bucket_date}) so that each write is an
 * UNLOGGED batch of one partition: one mutation on one replica set, which Cassandra applies far
 * more cheaply than the same rows one request at a time. Within a partition the last row per
 * clustering key wins, as it would in the table. Plain logic: the operator owns time and output.
 */
final class PartitionBatches {

    private record PartitionKey(UUID userId, LocalDate bucketDate) {}

    private record ClusteringKey(Instant eventTime, String eventType) {}

    private static final class Pending {
        final long firstAddedAt;
        final Map<ClusteringKey, UserEventCassandraModel> rows = new LinkedHashMap<>();
        long bytes;

        Pending(long firstAddedAt) {
            this.firstAddedAt = firstAddedAt;
        }
    }

    private final int maxRows;
    private final long maxBytes;
    private final int maxBufferedRows;
    // Insertion order is first-arrival order, so the head is always the oldest pending partition.
    private final LinkedHashMap<PartitionKey, Pending> pending = new LinkedHashMap<>();
    private int bufferedRows;

    PartitionBatches(int maxRows, long maxBytes, int maxBufferedRows) {
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        this.maxBufferedRows = maxBufferedRows;
    }

    /** Buffers {@code row}; hands out every batch that became full (or must make room). */
    void add(UserEventCassandraModel row, long now, Consumer<List<UserEventCassandraModel>> out) {
        PartitionKey partition = new PartitionKey(row.userId(), row.bucketDate());
        Pending batch = pending.computeIfAbsent(partition, key -> new Pending(now));
        UserEventCassandraModel replaced = batch.rows.put(new ClusteringKey(row.eventTime(), row.eventType()), row);
        if (replaced == null) {
            bufferedRows++;
        } else {
            batch.bytes -= estimatedBytes(replaced);
        }
        batch.bytes += estimatedBytes(row);
        if (batch.rows.size() >= maxRows || batch.bytes >= maxBytes) {
            emit(partition, out);
        }
        while (bufferedRows > maxBufferedRows) {
            emit(pending.keySet().iterator().next(), out);
        }
    }

    /** Hands out every batch whose first row arrived at or before {@code cutoff}. */
    void drainOlderThan(long cutoff, Consumer<List<UserEventCassandraModel>> out) {
        Iterator<Map.Entry<PartitionKey, Pending>> oldestFirst = pending.entrySet().iterator();
        while (oldestFirst.hasNext()) {
            Map.Entry<PartitionKey, Pending> entry = oldestFirst.next();
            if (entry.getValue().firstAddedAt > cutoff) {
                return;
            }
            oldestFirst.remove();
            handOut(entry.getValue(), out);
        }
    }

    void drainAll(Consumer<List<UserEventCassandraModel>> out) {
        drainOlderThan(Long.MAX_VALUE, out);
    }

    int bufferedRows() {
        return bufferedRows;
    }

    /** When the oldest pending batch started, or -1 if nothing is buffered. */
    long oldestFirstAddedAt() {
        return pending.isEmpty() ? -1 : pending.values().iterator().next().firstAddedAt;
    }

    private void emit(PartitionKey partition, Consumer<List<UserEventCassandraModel>> out) {
        handOut(pending.remove(partition), out);
    }

    private void handOut(Pending batch, Consumer<List<UserEventCassandraModel>> out) {
        bufferedRows -= batch.rows.size();
        out.accept(new ArrayList<>(batch.rows.values()));
    }

    /** A cheap upper-bound guess of a row's size on the wire. */
    static long estimatedBytes(UserEventCassandraModel row) {
        long bytes = 64 + 2L * row.eventType().length();
        // Summed in one pass of characters; forEach spares the per-entry wrappers of an unmodifiable map.
        long[] chars = {0};
        row.metadata().forEach((key, value) -> chars[0] += key.length() + value.length());
        return bytes + 8L * row.metadata().size() + 3L * chars[0];
    }
}
