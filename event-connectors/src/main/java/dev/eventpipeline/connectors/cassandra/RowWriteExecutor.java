package dev.eventpipeline.connectors.cassandra;

import dev.eventpipeline.model.UserEventCassandraModel;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Writes one partition's rows as one request. The seam between the write logic and the driver. */
public interface RowWriteExecutor extends AutoCloseable {

    /**
     * Writes {@code rows} with the write timestamp {@code writeTimestampMicros}; completes when
     * Cassandra acknowledged them, or with the driver's error.
     */
    CompletableFuture<Void> execute(List<UserEventCassandraModel> rows, long writeTimestampMicros);

    @Override
    void close();

    /** Opens an executor on a task manager; serializable so it travels with the job graph. */
    @FunctionalInterface
    interface Factory extends Serializable {
        RowWriteExecutor open() throws Exception;
    }
}
