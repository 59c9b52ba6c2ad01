package dev.eventpipeline.infra.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.eventpipeline.infra.cassandra.SchemaTarget;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;

/**
 * Counts the rows of a known set of partitions of the events table, to see how many of the events sent
 * have arrived. A partition is one user's day, so a count is a cheap single-partition read; partitions
 * that already hold all their rows are not read again.
 */
final class RowCounter {

    private static final int CONCURRENT_READS = 32;

    private final CqlSession session;
    private final PreparedStatement count;
    private final Map<EventSender.Partition, Long> expected;
    private final Map<EventSender.Partition, Long> counted = new HashMap<>();

    RowCounter(CqlSession session, SchemaTarget table, Map<EventSender.Partition, Long> expected) {
        this.session = session;
        this.expected = expected;
        this.count = session.prepare("SELECT COUNT(*) FROM " + table.qualifiedTable() + " WHERE user_id = ? AND bucket_date = ?");
        expected.keySet().forEach(partition -> counted.put(partition, 0L));
    }

    long expectedRows() {
        return expected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Re-counts the partitions that are not complete yet; returns the rows found in all of them. */
    long count() {
        List<EventSender.Partition> incomplete = counted.entrySet().stream()
                .filter(entry -> entry.getValue() < expected.get(entry.getKey()))
                .map(Map.Entry::getKey).toList();
        Semaphore permits = new Semaphore(CONCURRENT_READS);
        Map<EventSender.Partition, CompletableFuture<Long>> reads = new HashMap<>();
        for (EventSender.Partition partition : incomplete) {
            permits.acquireUninterruptibly();
            CompletionStage<AsyncResultSet> read = session.executeAsync(count.bind(partition.userId(), partition.bucketDate()));
            reads.put(partition, read.toCompletableFuture()
                    .thenApply(result -> result.one().getLong(0))
                    .whenComplete((rows, error) -> permits.release()));
        }
        reads.forEach((partition, read) -> counted.put(partition, read.join()));
        return written();
    }

    long written() {
        return counted.values().stream().mapToLong(Long::longValue).sum();
    }
}
