package dev.eventpipeline.connectors.cassandra.connector;

import com.datastax.driver.core.LocalDate;
import com.datastax.driver.core.ResultSet;
import dev.eventpipeline.connectors.cassandra.CassandraSinkSettings;
import dev.eventpipeline.connectors.cassandra.UserEventsInsert;
import dev.eventpipeline.connectors.metrics.PipelineMetrics;
import dev.eventpipeline.connectors.types.SourcedRow;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.time.Duration;
import java.util.Date;
import org.apache.flink.cassandra.shaded.com.google.common.util.concurrent.FutureCallback;
import org.apache.flink.cassandra.shaded.com.google.common.util.concurrent.Futures;
import org.apache.flink.cassandra.shaded.com.google.common.util.concurrent.ListenableFuture;
import org.apache.flink.cassandra.shaded.com.google.common.util.concurrent.MoreExecutors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.streaming.connectors.cassandra.AbstractCassandraTupleSink;
import org.apache.flink.streaming.connectors.cassandra.CassandraSinkBaseConfig;

/**
 * {@code cassandra.sink=connector} (Flink 1.20 only): rows written by flink-connector-cassandra's own
 * sink (a {@code SinkFunction}), one prepared insert per row, at most {@code cassandra.max-concurrent-requests}
 * in flight, every write finished at each checkpoint. What it cannot do that {@code CassandraRowSink} does:
 * batch by partition, retry with backoff inside the job, dead-letter a refused row, limit the rate
 * ({@link ConnectorFailureHandler} says what happens to errors).
 */
public final class ConnectorRowSink extends AbstractCassandraTupleSink<SourcedRow> {

    private static final long serialVersionUID = 1L;

    private transient Counter rowsWritten;
    private transient Counter writeFailures;

    public ConnectorRowSink(CassandraSinkSettings settings) {
        super(UserEventsInsert.cql(settings.keyspace(), settings.table(), settings.ttl()),
                new ConnectorClusterBuilder(settings),
                CassandraSinkBaseConfig.newBuilder()
                        .setMaxConcurrentRequests(settings.maxConcurrentRequests())
                        // How long a write waits for a place in flight, at most, before the job fails.
                        .setMaxConcurrentRequestsTimeout(settings.requestTimeout().plus(Duration.ofSeconds(30)))
                        .build(),
                new ConnectorFailureHandler(settings.keyspace(), settings.table()));
    }

    @Override
    public void open(Configuration configuration) {
        super.open(configuration);
        // Answers arrive on the driver's threads, several at once.
        rowsWritten = getRuntimeContext().getMetricGroup().counter(PipelineMetrics.ROWS_WRITTEN, new ThreadSafeSimpleCounter());
        getRuntimeContext().getMetricGroup().meter(PipelineMetrics.ROWS_WRITTEN_RATE, new MeterView(rowsWritten));
        writeFailures = getRuntimeContext().getMetricGroup().counter(PipelineMetrics.WRITE_FAILURES, new ThreadSafeSimpleCounter());
    }

    @Override
    public ListenableFuture<ResultSet> send(SourcedRow row) {
        ListenableFuture<ResultSet> written = super.send(row);
        Futures.addCallback(written, new FutureCallback<>() {
            @Override
            public void onSuccess(ResultSet result) {
                rowsWritten.inc();
            }

            @Override
            public void onFailure(Throwable error) {
                writeFailures.inc();
            }
        }, MoreExecutors.directExecutor());
        return written;
    }

    /** The values of the insert, as driver 3 binds them (its LocalDate, a Date for the timestamp). */
    @Override
    protected Object[] extract(SourcedRow sourced) {
        UserEventCassandraModel row = sourced.row();
        return new Object[] {row.userId(), LocalDate.fromDaysSinceEpoch(Math.toIntExact(row.bucketDate().toEpochDay())),
            Date.from(row.eventTime()), row.eventType(), row.eventId(), row.metadata()};
    }
}
