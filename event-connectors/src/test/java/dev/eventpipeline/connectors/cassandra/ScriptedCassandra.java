package dev.eventpipeline.connectors.cassandra;

import com.datastax.driver.core.ConsistencyLevel;
import com.datastax.driver.core.EndPoint;
import com.datastax.driver.core.WriteType;
import com.datastax.driver.core.exceptions.InvalidQueryException;
import com.datastax.driver.core.exceptions.WriteTimeoutException;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the server in unit tests of the write logic: it answers with the driver's own
 * exception types and Cassandra's own messages. A row whose event_type starts with "refused" is
 * refused as a too-long key (alone or in a batch); the first {@code timeouts} requests time out.
 * State is static per name so the copy Flink deserializes in a harness shares it with the test.
 */
final class ScriptedCassandra implements RowWriteExecutor, Serializable {

    private static final long serialVersionUID = 1L;

    static final EndPoint HOST = new EndPoint() {
        private final InetSocketAddress address = new InetSocketAddress("127.0.0.1", 9042);

        @Override
        public InetSocketAddress resolve() {
            return address;
        }
    };

    static final List<List<UserEventCassandraModel>> REQUESTS = Collections.synchronizedList(new ArrayList<>());
    static final List<Long> TIMESTAMPS = Collections.synchronizedList(new ArrayList<>());
    static final List<UserEventCassandraModel> WRITTEN = Collections.synchronizedList(new ArrayList<>());
    static final AtomicInteger TIMEOUTS_LEFT = new AtomicInteger();
    static volatile String fatalMessage;
    /** While set, requests are accepted and never answered: writes in flight, as at a checkpoint. */
    static volatile boolean unanswered;

    static void reset(int timeouts) {
        REQUESTS.clear();
        TIMESTAMPS.clear();
        WRITTEN.clear();
        TIMEOUTS_LEFT.set(timeouts);
        fatalMessage = null;
        unanswered = false;
    }

    @Override
    public CompletableFuture<Void> execute(List<UserEventCassandraModel> rows, long writeTimestampMicros) {
        REQUESTS.add(List.copyOf(rows));
        TIMESTAMPS.add(writeTimestampMicros);
        if (unanswered) {
            return new CompletableFuture<>();
        }
        if (fatalMessage != null) {
            return CompletableFuture.failedFuture(new InvalidQueryException(HOST, fatalMessage));
        }
        if (TIMEOUTS_LEFT.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            return CompletableFuture.failedFuture(
                    new WriteTimeoutException(HOST, ConsistencyLevel.LOCAL_QUORUM, WriteType.BATCH, 1, 0));
        }
        for (UserEventCassandraModel row : rows) {
            if (row.eventType().startsWith("refused")) {
                return CompletableFuture.failedFuture(new InvalidQueryException(HOST,
                        "Key length of 70009 is longer than maximum of 65535"));
            }
        }
        WRITTEN.addAll(rows);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {}
}
