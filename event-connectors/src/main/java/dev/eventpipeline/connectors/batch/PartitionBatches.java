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
        final long dueAt;
        final Map<ClusteringKey, UserEventCassandraModel> rows = new LinkedHashMap<>();
        long bytes;

        Pending(long dueAt) {
            this.dueAt = dueAt;
        }
    }

    /** The batches that linger equally long: first-arrival order is due order, head first. */
    private static final class Queue {
        final long lingerMillis;
        final LinkedHashMap<PartitionKey, Pending> pending = new LinkedHashMap<>();

        Queue(long lingerMillis) {
            this.lingerMillis = lingerMillis;
        }

        long headDueAt() {
            return pending.isEmpty() ? Long.MAX_VALUE : pending.values().iterator().next().dueAt;
        }
    }

    private final int maxRows;
    private final long maxBytes;
    private final int maxBufferedRows;
    // One queue per linger in use (the live one and, while the job works off a backlog, the longer
    // one), so a batch never waits behind one of another linger.
    private final List<Queue> queues = new ArrayList<>(2);
    private int bufferedRows;

    PartitionBatches(int maxRows, long maxBytes, int maxBufferedRows) {
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        this.maxBufferedRows = maxBufferedRows;
    }

    /**
     * Buffers {@code row}; a partition with nothing buffered yet is due {@code lingerMillis} after
     * {@code now}. Hands out every batch that became full (or must make room).
     */
    void add(UserEventCassandraModel row, long now, long lingerMillis, Consumer<List<UserEventCassandraModel>> out) {
        PartitionKey partition = new PartitionKey(row.userId(), row.bucketDate());
        Queue queue = null;
        Pending batch = null;
        for (Queue candidate : queues) {
            batch = candidate.pending.get(partition);
            if (batch != null) {
                queue = candidate;
                break;
            }
        }
        if (batch == null) {
            queue = queueFor(lingerMillis);
            batch = new Pending(now + lingerMillis);
            queue.pending.put(partition, batch);
        }
        UserEventCassandraModel replaced = batch.rows.put(new ClusteringKey(row.eventTime(), row.eventType()), row);
        if (replaced == null) {
            bufferedRows++;
        } else {
            batch.bytes -= estimatedBytes(replaced);
        }
        batch.bytes += estimatedBytes(row);
        if (batch.rows.size() >= maxRows || batch.bytes >= maxBytes) {
            handOut(queue.pending.remove(partition), out);
        }
        while (bufferedRows > maxBufferedRows) {
            Queue oldest = nextDue();
            Iterator<Pending> head = oldest.pending.values().iterator();
            Pending evicted = head.next();
            head.remove();
            handOut(evicted, out);
        }
    }

    /** Hands out, oldest first per linger, the batches due at or before {@code now}. */
    void drainDue(long now, Consumer<List<UserEventCassandraModel>> out) {
        for (Queue queue : queues) {
            Iterator<Pending> oldestFirst = queue.pending.values().iterator();
            while (oldestFirst.hasNext()) {
                Pending batch = oldestFirst.next();
                if (batch.dueAt > now) {
                    break;
                }
                oldestFirst.remove();
                handOut(batch, out);
            }
        }
    }

    void drainAll(Consumer<List<UserEventCassandraModel>> out) {
        drainDue(Long.MAX_VALUE, out);
    }

    int bufferedRows() {
        return bufferedRows;
    }

    /** When the next batch is due, or -1 if nothing is buffered. */
    long nextDueAt() {
        return bufferedRows == 0 ? -1 : nextDue().headDueAt();
    }

    private Queue nextDue() {
        Queue next = queues.get(0);
        for (Queue queue : queues) {
            if (queue.headDueAt() < next.headDueAt()) {
                next = queue;
            }
        }
        return next;
    }

    private Queue queueFor(long lingerMillis) {
        for (Queue queue : queues) {
            if (queue.lingerMillis == lingerMillis) {
                return queue;
            }
        }
        Queue queue = new Queue(lingerMillis);
        queues.add(queue);
        return queue;
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
