package dev.eventpipeline.connectors.cassandra;

import com.datastax.driver.core.LocalDate;
import com.datastax.driver.core.ResultSet;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.io.IOException;
import java.util.Date;
import java.util.HashMap;
import java.util.concurrent.ExecutionException;
import org.apache.flink.cassandra.shaded.com.google.common.util.concurrent.ListenableFuture;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.connectors.cassandra.AbstractCassandraTupleSink;
import org.apache.flink.streaming.connectors.cassandra.CassandraFailureHandler;
import org.apache.flink.streaming.connectors.cassandra.CassandraSinkBaseConfig;

/**
 * Writes rows through flink-connector-cassandra with a prepared upsert. The connector bounds the
 * writes in flight and waits for all of them at every checkpoint; a write that still fails after
 * the driver's retries fails the job, which then replays from the last checkpoint.
 */
public final class UserEventCassandraSink extends AbstractCassandraTupleSink<UserEventCassandraModel> {

    private static final long serialVersionUID = 1L;

    private transient Counter rowsWritten;
    private transient Counter writeFailures;

    UserEventCassandraSink(String insertCql, UserEventsClusterBuilder clusterBuilder, CassandraSinkBaseConfig config,
            CassandraFailureHandler failureHandler) {
        super(insertCql, clusterBuilder, config, failureHandler);
    }

    @Override
    public void open(Configuration configuration) {
        rowsWritten = getRuntimeContext().getMetricGroup().counter("rowsWritten");
        writeFailures = getRuntimeContext().getMetricGroup().counter("writeFailures");
        super.open(configuration);
    }

    @Override
    protected Object[] extract(UserEventCassandraModel row) {
        return new Object[] {
            row.userId(),
            LocalDate.fromDaysSinceEpoch(Math.toIntExact(row.bucketDate().toEpochDay())),
            new Date(row.eventTime().toEpochMilli()),
            row.eventType(),
            row.eventId(),
            new HashMap<>(row.metadata()),
        };
    }

    @Override
    public ListenableFuture<ResultSet> send(UserEventCassandraModel row) {
        ListenableFuture<ResultSet> future = super.send(row);
        future.addListener(() -> countOutcome(future), Runnable::run);
        return future;
    }

    private void countOutcome(ListenableFuture<ResultSet> done) {
        try {
            done.get();
            rowsWritten.inc();
        } catch (ExecutionException e) {
            writeFailures.inc();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Turns a final write error into a job failure; returning would silently drop the row. */
    static final class FailJobOnWriteError implements CassandraFailureHandler {

        private static final long serialVersionUID = 1L;

        @Override
        public void onFailure(Throwable failure) throws IOException {
            throw new IOException("Cassandra write failed after the driver's retries; failing the job so it "
                    + "restarts from the last checkpoint and nothing is lost", failure);
        }
    }
}
