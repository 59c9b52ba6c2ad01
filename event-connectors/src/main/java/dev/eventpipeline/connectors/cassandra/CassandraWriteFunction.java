package dev.eventpipeline.connectors.cassandra;

import dev.eventpipeline.connectors.metrics.PipelineMetrics;
import dev.eventpipeline.connectors.deadletter.DeadLetter;
import dev.eventpipeline.connectors.types.RowBatch;
import dev.eventpipeline.model.RejectReason;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upserts one partition's rows per call and emits the dead letters of the rows Cassandra refused.
 * Runs in Flink's async I/O operator: it bounds the writes in flight, keeps unfinished ones in
 * checkpoints (so a crash replays them) and retries transient errors with {@link WriteRetryStrategy}.
 * The dead letters flow to the same Kafka sink as validation's, which flushes them before each
 * checkpoint completes: a crash may repeat one, never lose one.
 */
public final class CassandraWriteFunction extends RichAsyncFunction<RowBatch, DeadLetter> {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(CassandraWriteFunction.class);

    private final RowWriteExecutor.Factory executors;
    private final String keyspace;
    private final String table;
    private final Clock clock;

    private transient RowWriteExecutor executor;
    private transient RefusedRowIsolation writer;
    private transient Counter rowsWritten;
    private transient Counter requestsWritten;
    private transient Counter writeFailures;
    private transient Counter eventsRejected;
    private transient Counter writeRejected;

    public CassandraWriteFunction(RowWriteExecutor.Factory executors, String keyspace, String table, Clock clock) {
        this.executors = executors;
        this.keyspace = keyspace;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        // Incremented on the driver's I/O threads, several at once: SimpleCounter would lose counts.
        rowsWritten = metrics.counter(PipelineMetrics.ROWS_WRITTEN, new ThreadSafeSimpleCounter());
        metrics.meter(PipelineMetrics.ROWS_WRITTEN_RATE, new MeterView(rowsWritten));
        requestsWritten = metrics.counter(PipelineMetrics.REQUESTS_WRITTEN, new ThreadSafeSimpleCounter());
        writeFailures = metrics.counter(PipelineMetrics.WRITE_FAILURES, new ThreadSafeSimpleCounter());
        // The same names as validation's, so refused rows add up with refused payloads.
        eventsRejected = metrics.counter(PipelineMetrics.EVENTS_REJECTED, new ThreadSafeSimpleCounter());
        MetricGroup refused = metrics.addGroup(PipelineMetrics.REASON_GROUP, RejectReason.WRITE_REJECTED.name());
        writeRejected = refused.counter(PipelineMetrics.EVENTS_REJECTED, new ThreadSafeSimpleCounter());
        refused.meter(PipelineMetrics.EVENTS_REJECTED_RATE, new MeterView(writeRejected));
        try {
            executor = executors.open();
        } catch (RuntimeException e) {
            if (WriteErrors.classify(e) == WriteErrorKind.FATAL) {
                throw new FatalWriteException(WriteErrors.fixFor(e, keyspace, table), e);
            }
            throw e;
        }
        writer = new RefusedRowIsolation(executor, keyspace, table, clock, error -> writeFailures.inc());
    }

    @Override
    public void asyncInvoke(RowBatch batch, ResultFuture<DeadLetter> result) {
        writer.write(batch).whenComplete((outcome, error) -> {
            if (error != null) {
                result.completeExceptionally(WriteErrors.unwrapCompletion(error));
                return;
            }
            rowsWritten.inc(outcome.rowsWritten());
            requestsWritten.inc(outcome.requestsWritten());
            eventsRejected.inc(outcome.deadLetters().size());
            writeRejected.inc(outcome.deadLetters().size());
            result.complete(outcome.deadLetters());
        });
    }

    @Override
    public void timeout(RowBatch batch, ResultFuture<DeadLetter> result) {
        result.completeExceptionally(new TimeoutException("Cassandra write of " + batch.size()
                + " row(s) did not finish, with its retries, within the writer's timeout; the job restarts "
                + "from its last checkpoint"));
    }

    @Override
    public void close() throws Exception {
        try {
            if (executor != null) {
                executor.close();
            }
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
}
