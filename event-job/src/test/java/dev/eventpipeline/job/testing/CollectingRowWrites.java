package dev.eventpipeline.job.testing;

import dev.eventpipeline.connectors.cassandra.RowWriteExecutor;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cassandra's place in the pipeline without Cassandra: every write is acknowledged and its rows
 * kept, for the test to read after the job. Kept in a static map under this factory's id, since
 * Flink opens executors from a deserialized copy.
 */
public final class CollectingRowWrites implements RowWriteExecutor.Factory {

    private static final long serialVersionUID = 1L;
    private static final Map<String, List<UserEventCassandraModel>> WRITTEN = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    public CollectingRowWrites() {
        WRITTEN.put(id, Collections.synchronizedList(new ArrayList<>()));
    }

    /** Every row written so far, in the order the writes arrived. */
    public List<UserEventCassandraModel> written() {
        List<UserEventCassandraModel> rows = WRITTEN.get(id);
        synchronized (rows) {
            return List.copyOf(rows);
        }
    }

    @Override
    public RowWriteExecutor open() {
        List<UserEventCassandraModel> rows = WRITTEN.get(id);
        return new RowWriteExecutor() {
            @Override
            public CompletableFuture<Void> execute(List<UserEventCassandraModel> batch, long writeTimestampMicros) {
                rows.addAll(batch);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close() {}
        };
    }
}
