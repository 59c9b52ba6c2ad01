package dev.eventpipeline.connectors.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteType;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the server in unit tests of the write logic: it answers with driver 4's own
 * exception types and Cassandra's own messages. A row whose event_type starts with "refused" is
 * refused as a too-long key (alone or in a batch); the first {@code timeouts} requests time out.
 * State is static so that a copy Flink may make of the executor factory shares it with the test.
 */
final class ScriptedCassandra implements RowWriteExecutor, Serializable {

    private static final long serialVersionUID = 1L;

    static final ConsistencyLevel LOCAL_QUORUM = DefaultConsistencyLevel.LOCAL_QUORUM;

    static final List<List<UserEventCassandraModel>> REQUESTS = Collections.synchronizedList(new ArrayList<>());
    static final List<Long> TIMESTAMPS = Collections.synchronizedList(new ArrayList<>());
    static final List<UserEventCassandraModel> WRITTEN = Collections.synchronizedList(new ArrayList<>());
    static final AtomicInteger TIMEOUTS_LEFT = new AtomicInteger();
    /** Requests accepted while {@link #unanswered}, oldest first; {@link #answer} answers one. */
    static final BlockingQueue<Pending> PENDING = new LinkedBlockingQueue<>();
    /** Requests sent and not answered yet, and the most there ever were at once. */
    static final AtomicInteger OUTSTANDING = new AtomicInteger();
    static final AtomicInteger MAX_OUTSTANDING = new AtomicInteger();
    static volatile String fatalMessage;
    /** While set, requests are accepted and answered only by {@link #answer}: writes in flight. */
    static volatile boolean unanswered;

    /** A request held while {@link #unanswered}: its rows and the driver's future for it. */
    record Pending(List<UserEventCassandraModel> rows, long writeTimestampMicros, CompletableFuture<Void> future) {}

    static void reset(int timeouts) {
        REQUESTS.clear();
        TIMESTAMPS.clear();
        WRITTEN.clear();
        PENDING.clear();
        OUTSTANDING.set(0);
        MAX_OUTSTANDING.set(0);
        TIMEOUTS_LEFT.set(timeouts);
        fatalMessage = null;
        unanswered = false;
    }

    @Override
    public CompletableFuture<Void> execute(List<UserEventCassandraModel> rows, long writeTimestampMicros) {
        REQUESTS.add(List.copyOf(rows));
        TIMESTAMPS.add(writeTimestampMicros);
        MAX_OUTSTANDING.accumulateAndGet(OUTSTANDING.incrementAndGet(), Math::max);
        if (unanswered) {
            CompletableFuture<Void> future = new CompletableFuture<>();
            PENDING.add(new Pending(List.copyOf(rows), writeTimestampMicros, future));
            return future;
        }
        CompletableFuture<Void> future = new CompletableFuture<>();
        answer(rows, future);
        return future;
    }

    /** Answers a held request as the server would have (on the caller's thread, as the driver's I/O thread would). */
    static void answer(Pending pending) {
        answer(pending.rows(), pending.future());
    }

    private static void answer(List<UserEventCassandraModel> rows, CompletableFuture<Void> future) {
        OUTSTANDING.decrementAndGet();
        if (fatalMessage != null) {
            future.completeExceptionally(new InvalidQueryException(TestNode.NODE1, fatalMessage));
            return;
        }
        if (TIMEOUTS_LEFT.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            future.completeExceptionally(new WriteTimeoutException(TestNode.NODE1, LOCAL_QUORUM, 1, 2, WriteType.BATCH));
            return;
        }
        for (UserEventCassandraModel row : rows) {
            if (row.eventType().startsWith("refused")) {
                future.completeExceptionally(new InvalidQueryException(TestNode.NODE1,
                        "Key length of 70009 is longer than maximum of 65535"));
                return;
            }
        }
        WRITTEN.addAll(rows);
        future.complete(null);
    }

    @Override
    public void close() {}
}
