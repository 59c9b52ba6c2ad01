package dev.eventpipeline.connectors.cassandra;

import com.datastax.driver.core.BatchStatement;
import com.datastax.driver.core.BoundStatement;
import com.datastax.driver.core.LocalDate;
import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.ResultSet;
import com.datastax.driver.core.TypeCodec;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.io.IOException;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.flink.cassandra.shaded.com.google.common.util.concurrent.ListenableFuture;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.connectors.cassandra.AbstractCassandraTupleSink;
import org.apache.flink.streaming.connectors.cassandra.CassandraFailureHandler;
import org.apache.flink.streaming.connectors.cassandra.CassandraSinkBaseConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes batches of one Cassandra partition's rows through flink-connector-cassandra: a single row
 * as a prepared upsert, several as one UNLOGGED batch of prepared upserts (one partition, so one
 * mutation and no batch-log). The connector bounds the requests in flight and waits for all of
 * them at every checkpoint; a request that still fails after the driver's retries fails the job,
 * which then replays from the last checkpoint.
 */
public final class UserEventCassandraSink extends AbstractCassandraTupleSink<List<UserEventCassandraModel>> {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(UserEventCassandraSink.class);

    // Values are bound with these codecs, resolved once. Binding plain objects makes driver 3 look a
    // codec up per value, and for a Map it builds a new MapCodec (Guava TypeToken reflection) per
    // row: that was the largest cost of the whole job in the profile (docs/benchmarks.md).
    private static final TypeCodec<java.util.UUID> UUID_CODEC = TypeCodec.uuid();
    private static final TypeCodec<LocalDate> DATE_CODEC = TypeCodec.date();
    private static final TypeCodec<Date> TIMESTAMP_CODEC = TypeCodec.timestamp();
    private static final TypeCodec<String> TEXT_CODEC = TypeCodec.varchar();
    private static final TypeCodec<Map<String, String>> METADATA_CODEC =
            TypeCodec.map(TypeCodec.varchar(), TypeCodec.varchar());

    private final String insertCql;

    private transient PreparedStatement insert;
    private transient Counter rowsWritten;
    private transient Counter requestsWritten;
    private transient Counter writeFailures;

    UserEventCassandraSink(String insertCql, UserEventsClusterBuilder clusterBuilder, CassandraSinkBaseConfig config,
            CassandraFailureHandler failureHandler) {
        super(insertCql, clusterBuilder, config, failureHandler);
        this.insertCql = insertCql;
    }

    @Override
    public void open(Configuration configuration) {
        rowsWritten = getRuntimeContext().getMetricGroup().counter("rowsWritten");
        requestsWritten = getRuntimeContext().getMetricGroup().counter("requestsWritten");
        writeFailures = getRuntimeContext().getMetricGroup().counter("writeFailures");
        super.open(configuration);
        insert = session.prepare(insertCql); // the driver returns its cached statement
    }

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            // Rows per request (how full the batches were) is worth one line; the benchmark reads it.
            if (rowsWritten != null && requestsWritten.getCount() > 0) {
                LOG.info("Wrote {} rows in {} requests ({} rows/request), {} failed requests",
                        rowsWritten.getCount(), requestsWritten.getCount(),
                        String.format(Locale.ROOT, "%.1f",
                                (double) rowsWritten.getCount() / requestsWritten.getCount()),
                        writeFailures.getCount());
            }
        }
    }

    /** The bound values of a one-row batch (the connector's single-statement path). */
    @Override
    protected Object[] extract(List<UserEventCassandraModel> rows) {
        return values(rows.get(0));
    }

    @Override
    public ListenableFuture<ResultSet> send(List<UserEventCassandraModel> rows) {
        ListenableFuture<ResultSet> future;
        if (rows.size() == 1) {
            future = session.executeAsync(bind(rows.get(0)));
        } else {
            BatchStatement batch = new BatchStatement(BatchStatement.Type.UNLOGGED);
            for (UserEventCassandraModel row : rows) {
                batch.add(bind(row));
            }
            batch.setIdempotent(true);
            future = session.executeAsync(batch);
        }
        future.addListener(() -> countOutcome(future, rows.size()), Runnable::run);
        return future;
    }

    private BoundStatement bind(UserEventCassandraModel row) {
        BoundStatement bound = insert.bind();
        bound.set(0, row.userId(), UUID_CODEC);
        bound.set(1, LocalDate.fromDaysSinceEpoch(Math.toIntExact(row.bucketDate().toEpochDay())), DATE_CODEC);
        bound.set(2, new Date(row.eventTime().toEpochMilli()), TIMESTAMP_CODEC);
        bound.set(3, row.eventType(), TEXT_CODEC);
        bound.set(4, row.eventId(), UUID_CODEC);
        bound.set(5, row.metadata(), METADATA_CODEC);
        return bound;
    }

    /** The values of one row, in the insert's order, as driver-3 types. */
    private static Object[] values(UserEventCassandraModel row) {
        return new Object[] {
            row.userId(),
            LocalDate.fromDaysSinceEpoch(Math.toIntExact(row.bucketDate().toEpochDay())),
            new Date(row.eventTime().toEpochMilli()),
            row.eventType(),
            row.eventId(),
            new HashMap<>(row.metadata()),
        };
    }

    private void countOutcome(ListenableFuture<ResultSet> done, int rows) {
        try {
            done.get();
            requestsWritten.inc();
            rowsWritten.inc(rows);
        } catch (ExecutionException e) {
            writeFailures.inc();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Turns a final write error into a job failure; returning would silently drop the rows. */
    static final class FailJobOnWriteError implements CassandraFailureHandler {

        private static final long serialVersionUID = 1L;

        @Override
        public void onFailure(Throwable failure) throws IOException {
            throw new IOException("Cassandra write failed after the driver's retries; failing the job so it "
                    + "restarts from the last checkpoint and nothing is lost", failure);
        }
    }
}
