package dev.eventpipeline.infra.bench.ceiling;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The node's write ceiling (a): the rows written straight into Cassandra with driver 4, async, with
 * a bounded number of requests in flight. Either one row per request, or UNLOGGED batches of rows of
 * one partition, grouped as they come and sent when full or after the linger time.
 * Optionally paced at a fixed rate, recording each row's time from hand-off to acknowledgement.
 */
public final class DriverCeiling {

    public enum Mode { SINGLE, BATCH }

    private record PartitionKey(UUID userId, LocalDate bucketDate) {}

    private static final class Pending {
        final long firstNanos;
        final List<Integer> rows = new ArrayList<>();

        Pending(long firstNanos) {
            this.firstNanos = firstNanos;
        }
    }

    private final CqlSession session;
    private final PreparedStatement insert;
    private final Mode mode;
    private final int maxInFlight;
    private final int maxRows;
    private final long lingerNanos;

    public DriverCeiling(CqlSession session, Mode mode, int maxInFlight, int maxRows, long lingerMillis) {
        this.session = session;
        this.insert = session.prepare("INSERT INTO event_streaming.user_events "
                + "(user_id, bucket_date, event_time, event_type, event_id, metadata) VALUES (?, ?, ?, ?, ?, ?)");
        this.mode = mode;
        this.maxInFlight = maxInFlight;
        this.maxRows = mode == Mode.SINGLE ? 1 : maxRows;
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(lingerMillis);
    }

    /** What one run did: requests sent and, when paced, hand-off-to-ack latency per row (ns). */
    public record Outcome(long requests, long rows, long wallNanos, long[] latencyNanos) {}

    /**
     * Writes every row; {@code ratePerSecond <= 0} means as fast as the in-flight bound allows.
     * Returns after every request has been acknowledged; throws if any failed.
     */
    public Outcome write(List<UserEventCassandraModel> rows, double ratePerSecond) throws InterruptedException {
        Semaphore permits = new Semaphore(maxInFlight);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong requests = new AtomicLong();
        long[] handOff = ratePerSecond > 0 ? new long[rows.size()] : null;
        long[] latency = ratePerSecond > 0 ? new long[rows.size()] : null;
        LinkedHashMap<PartitionKey, Pending> pending = new LinkedHashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < rows.size(); i++) {
            if (ratePerSecond > 0) {
                long due = start + (long) (i * 1e9 / ratePerSecond);
                long now;
                while ((now = System.nanoTime()) < due) {
                    drainOlderThan(pending, now - lingerNanos, rows, permits, failure, requests, handOff, latency);
                    LockSupport.parkNanos(Math.min(due - now, 200_000));
                }
                handOff[i] = System.nanoTime();
            }
            UserEventCassandraModel row = rows.get(i);
            if (maxRows == 1) {
                send(List.of(i), rows, permits, failure, requests, handOff, latency);
                continue;
            }
            long now = System.nanoTime();
            Pending batch = pending.computeIfAbsent(new PartitionKey(row.userId(), row.bucketDate()),
                    key -> new Pending(now));
            batch.rows.add(i);
            if (batch.rows.size() >= maxRows) {
                pending.remove(new PartitionKey(row.userId(), row.bucketDate()));
                send(batch.rows, rows, permits, failure, requests, handOff, latency);
            }
            drainOlderThan(pending, now - lingerNanos, rows, permits, failure, requests, handOff, latency);
            if (failure.get() != null) {
                break;
            }
        }
        drainOlderThan(pending, Long.MAX_VALUE, rows, permits, failure, requests, handOff, latency);
        permits.acquire(maxInFlight);
        long wall = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new IllegalStateException("a ceiling write failed", failure.get());
        }
        return new Outcome(requests.get(), rows.size(), wall, latency);
    }

    private void drainOlderThan(LinkedHashMap<PartitionKey, Pending> pending, long cutoff,
            List<UserEventCassandraModel> rows, Semaphore permits, AtomicReference<Throwable> failure,
            AtomicLong requests, long[] handOff, long[] latency) throws InterruptedException {
        Iterator<Pending> oldestFirst = pending.values().iterator();
        while (oldestFirst.hasNext()) {
            Pending batch = oldestFirst.next();
            if (batch.firstNanos > cutoff) {
                return;
            }
            oldestFirst.remove();
            send(batch.rows, rows, permits, failure, requests, handOff, latency);
        }
    }

    private void send(List<Integer> indexes, List<UserEventCassandraModel> rows, Semaphore permits,
            AtomicReference<Throwable> failure, AtomicLong requests, long[] handOff, long[] latency)
            throws InterruptedException {
        Statement<?> statement;
        if (indexes.size() == 1) {
            statement = bind(rows.get(indexes.get(0)));
        } else {
            BatchStatementBuilder batch = BatchStatement.builder(BatchType.UNLOGGED);
            for (int index : indexes) {
                batch.addStatement(bind(rows.get(index)));
            }
            statement = batch.setIdempotence(true).build();
        }
        statement = statement.setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM);
        permits.acquire();
        requests.incrementAndGet();
        CompletionStage<AsyncResultSet> done = session.executeAsync(statement);
        done.whenComplete((result, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            } else if (latency != null) {
                long now = System.nanoTime();
                for (int index : indexes) {
                    latency[index] = now - handOff[index];
                }
            }
            permits.release();
        });
    }

    private BoundStatement bind(UserEventCassandraModel row) {
        Map<String, String> metadata = row.metadata() instanceof HashMap ? row.metadata() : new HashMap<>(row.metadata());
        return insert.bind(row.userId(), row.bucketDate(), row.eventTime(), row.eventType(), row.eventId(), metadata)
                .setIdempotent(true);
    }
}
