package dev.eventpipeline.connectors.batch;

import dev.eventpipeline.connectors.types.SourcedRow;
import dev.eventpipeline.model.TableLayout;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Groups rows by Cassandra partition ({@code user_id}, {@code bucket_date}) so that each write is an
 * UNLOGGED batch of one partition: one mutation on one replica set, which Cassandra applies far
 * more cheaply than the same rows one request at a time. Within a partition the last row per
 * primary key wins, as it would in the table; {@link #add} says when that replaced a different
 * event (a collision of the seed layout). Plain logic: the Cassandra sink's writer owns time and output.
 */
public final class PartitionBatches {

    private record PartitionKey(UUID userId, LocalDate bucketDate) {}

    /** The clustering columns of the layout; {@code eventId} is null for the seed layout. */
    private record ClusteringKey(Instant eventTime, String eventType, UUID eventId) {}

    private static final class Pending {
        final long firstAddedAt;
        final Map<ClusteringKey, SourcedRow> rows = new LinkedHashMap<>();
        long bytes;

        Pending(long firstAddedAt) {
            this.firstAddedAt = firstAddedAt;
        }
    }

    private final int maxRows;
    private final long maxBytes;
    private final int maxBufferedRows;
    private final boolean eventIdInKey;
    // Insertion order is first-arrival order, so the head is always the oldest pending partition.
    private final LinkedHashMap<PartitionKey, Pending> pending = new LinkedHashMap<>();
    private int bufferedRows;

    public PartitionBatches(int maxRows, long maxBytes, int maxBufferedRows, TableLayout layout) {
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        this.maxBufferedRows = maxBufferedRows;
        this.eventIdInKey = layout == TableLayout.EVENT_ID;
    }

    /**
     * Buffers {@code sourced}; hands out every batch that became full (or must make room). A batch
     * never exceeds {@code maxBytes} unless it is a single row.
     *
     * @return true if the row replaced a buffered row of another {@code event_id}: two distinct
     *     events with one primary key, of which the table keeps only the later
     */
    public boolean add(SourcedRow sourced, long now, Consumer<PartitionBatch> out) {
        UserEventCassandraModel row = sourced.row();
        PartitionKey partition = new PartitionKey(row.userId(), row.bucketDate());
        long rowBytes = estimatedBytes(row);
        ClusteringKey clustering = new ClusteringKey(row.eventTime(), row.eventType(), eventIdInKey ? row.eventId() : null);
        Pending batch = pending.get(partition);
        if (batch != null && batch.bytes + rowBytes > maxBytes && !batch.rows.containsKey(clustering)) {
            emit(partition, out); // the row would not fit beside the others (a replacement may)
            batch = null;
        }
        if (batch == null) {
            batch = new Pending(now);
            pending.put(partition, batch);
        }
        SourcedRow replaced = batch.rows.put(clustering, sourced);
        boolean collision = false;
        if (replaced == null) {
            bufferedRows++;
        } else {
            batch.bytes -= estimatedBytes(replaced.row());
            collision = !replaced.row().eventId().equals(row.eventId());
        }
        batch.bytes += rowBytes;
        if (batch.rows.size() >= maxRows || batch.bytes >= maxBytes) {
            emit(partition, out);
        }
        while (bufferedRows > maxBufferedRows) {
            emit(pending.keySet().iterator().next(), out);
        }
        return collision;
    }

    /** Hands out every batch whose first row arrived at or before {@code cutoff}. */
    public void drainOlderThan(long cutoff, Consumer<PartitionBatch> out) {
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

    public void drainAll(Consumer<PartitionBatch> out) {
        drainOlderThan(Long.MAX_VALUE, out);
    }

    public int bufferedRows() {
        return bufferedRows;
    }

    /** When the oldest pending batch started, or -1 if nothing is buffered. */
    public long oldestFirstAddedAt() {
        return pending.isEmpty() ? -1 : pending.values().iterator().next().firstAddedAt;
    }

    private void emit(PartitionKey partition, Consumer<PartitionBatch> out) {
        handOut(pending.remove(partition), out);
    }

    private void handOut(Pending batch, Consumer<PartitionBatch> out) {
        bufferedRows -= batch.rows.size();
        out.accept(new PartitionBatch(new ArrayList<>(batch.rows.values()), batch.bytes));
    }

    /**
     * An upper bound of a row's size in a mutation: 3 bytes per character (the most a Java char
     * takes in UTF-8) and 8 bytes of framing per map entry on top of the fixed columns.
     */
    public static long estimatedBytes(UserEventCassandraModel row) {
        long bytes = 64 + 3L * row.eventType().length();
        // Summed in one pass of characters; forEach spares the per-entry wrappers of an unmodifiable map.
        long[] chars = {0};
        row.metadata().forEach((key, value) -> chars[0] += key.length() + value.length());
        return bytes + 8L * row.metadata().size() + 3L * chars[0];
    }
}
