package dev.eventpipeline.connectors.cassandra;

import dev.eventpipeline.connectors.batch.BatchSettings;
import dev.eventpipeline.connectors.batch.PartitionBatch;
import dev.eventpipeline.connectors.batch.PartitionBatches;
import dev.eventpipeline.connectors.deadletter.DeadLetter;
import dev.eventpipeline.connectors.metrics.PipelineMetrics;
import dev.eventpipeline.connectors.types.RowBatch;
import dev.eventpipeline.connectors.types.SourcedRow;
import dev.eventpipeline.model.RejectReason;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subtask's writer: groups rows by Cassandra partition ({@link PartitionBatches}) and sends each
 * group as one request when it is full or has waited the linger time, with at most
 * {@code maxConcurrentRequests} requests unanswered. Everything here runs on the task's mailbox
 * thread: the driver's answers come back as mails, and so do retries after their backoff, so the
 * state needs no locks.
 *
 * <p>Before every checkpoint ({@link #flush}) it sends what it holds and waits for every answer: rows
 * before a completed checkpoint are in Cassandra, so a crash can only replay rows (idempotent
 * upserts), never lose them. Rows Cassandra refuses become dead letters ({@link RefusedRowIsolation}),
 * handed to the committer with the checkpoint ({@link #prepareCommit}).
 */
final class CassandraRowSinkWriter implements CommittingSinkWriter<SourcedRow, DeadLetter> {

    private static final Logger LOG = LoggerFactory.getLogger(CassandraRowSinkWriter.class);

    private final RowWriteExecutor executor;
    private final RefusedRowIsolation isolation;
    private final WriteRetryStrategy retries;
    private final Optional<WriteRateLimit> rateLimit;
    private final BatchSettings batching;
    private final int maxInFlight;
    private final MailboxExecutor mailbox;
    private final ProcessingTimeService time;
    private final PartitionBatches batches;

    private final Counter recordsSent;
    private final Counter bytesSent;
    private final Counter rowsWritten;
    private final Counter requestsWritten;
    private final Counter writeFailures;
    private final Counter writeRetries;
    private final Counter eventsRejected;
    private final Counter writeRejected;
    private final Counter batchesEmitted;
    private final Counter rowCollisions;

    private final ArrayDeque<PartitionBatch> toSend = new ArrayDeque<>();
    private List<DeadLetter> deadLetters = new ArrayList<>();
    private int inFlight;
    private boolean lingerTimerSet;
    private boolean sending;
    private long lastWriteTimestampMicros;
    private volatile long lastSendMillis;

    CassandraRowSinkWriter(CassandraRowSink sink, RowWriteExecutor executor, MailboxExecutor mailbox,
            ProcessingTimeService time, SinkWriterMetricGroup metrics, Clock clock) {
        this.executor = executor;
        this.retries = sink.retries();
        this.rateLimit = sink.settings().writeRateLimit().map(WriteRateLimit::new);
        this.batching = sink.settings().batching();
        this.maxInFlight = sink.settings().maxConcurrentRequests();
        this.mailbox = mailbox;
        this.time = time;
        this.batches = new PartitionBatches(batching.maxRows(), batching.maxBytes(), batching.maxBufferedRows(),
                sink.settings().tableLayout());

        // Flink's standard sink metrics (FLIP-33): numRecordsSend is the operator's numRecordsOut.
        recordsSent = metrics.getNumRecordsSendCounter();
        bytesSent = metrics.getNumBytesSendCounter();
        metrics.setCurrentSendTimeGauge(() -> lastSendMillis);
        rowsWritten = metrics.counter(PipelineMetrics.ROWS_WRITTEN);
        metrics.meter(PipelineMetrics.ROWS_WRITTEN_RATE, new MeterView(rowsWritten));
        requestsWritten = metrics.counter(PipelineMetrics.REQUESTS_WRITTEN);
        // Told on the driver's threads, several at once: SimpleCounter would lose counts.
        writeFailures = metrics.counter(PipelineMetrics.WRITE_FAILURES, new ThreadSafeSimpleCounter());
        writeRetries = metrics.counter(PipelineMetrics.WRITE_RETRIES);
        metrics.gauge(PipelineMetrics.IN_FLIGHT_REQUESTS, () -> inFlight);
        // The same names as validation's, so refused rows add up with refused payloads.
        eventsRejected = metrics.counter(PipelineMetrics.EVENTS_REJECTED);
        MetricGroup refused = metrics.addGroup(PipelineMetrics.REASON_GROUP, RejectReason.WRITE_REJECTED.name());
        writeRejected = refused.counter(PipelineMetrics.EVENTS_REJECTED);
        refused.meter(PipelineMetrics.EVENTS_REJECTED_RATE, new MeterView(writeRejected));
        batchesEmitted = metrics.counter(PipelineMetrics.BATCHES_EMITTED);
        // Distinct events (other event_id) that replaced a buffered row of the same primary key.
        rowCollisions = metrics.counter(PipelineMetrics.ROW_COLLISIONS);
        metrics.gauge(PipelineMetrics.BUFFERED_ROWS, batches::bufferedRows);

        this.isolation = new RefusedRowIsolation(executor, sink.settings().keyspace(), sink.settings().table(),
                clock, new RefusedRowIsolation.Listener() {
                    @Override
                    public void failedRequest(Throwable error) {
                        writeFailures.inc();
                    }

                    @Override
                    public void held() {
                        // Wakes a flush waiting in yield(): a held write sends no answer of its own.
                        mailbox.execute(() -> {}, "Cassandra write held");
                    }
                });
    }

    @Override
    public void write(SourcedRow row, Context context) throws IOException, InterruptedException {
        long now = time.getCurrentProcessingTime();
        if (batches.add(row, now, this::queue)) {
            rowCollisions.inc();
        }
        sendQueued();
        scheduleLinger();
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        batches.drainAll(this::queue);
        sendQueued();
        while (inFlight > 0) {
            if (inFlight == isolation.heldWrites()) {
                isolation.releaseHeld(); // see RefusedRowIsolation: nothing else would finish them now
            }
            mailbox.yield(); // runs the answers (and retries) as they come; a failed write throws here
        }
    }

    @Override
    public Collection<DeadLetter> prepareCommit() {
        List<DeadLetter> letters = deadLetters;
        deadLetters = new ArrayList<>();
        return letters;
    }

    /** PartitionBatches hands batches out through a callback that may not block; they are sent right after. */
    private void queue(PartitionBatch batch) {
        toSend.add(batch);
    }

    /**
     * Sends the queued batches in the order they were queued. A send may yield to the mailbox, where a linger
     * timer queues more and calls this again: that nested call only leaves them queued, and this one sends
     * them after its own, so a partition's later batch never goes (and gets its write timestamp) before an
     * earlier one, and no batch goes twice.
     */
    private void sendQueued() throws InterruptedException {
        if (sending) {
            return;
        }
        sending = true;
        try {
            while (!toSend.isEmpty()) {
                send(toSend.poll());
            }
        } finally {
            sending = false;
        }
    }

    private void send(PartitionBatch batch) throws InterruptedException {
        while (inFlight >= maxInFlight) {
            if (inFlight == isolation.heldWrites()) {
                // Every place is taken by refusals held back (see RefusedRowIsolation), which no answer will
                // finish: without this the writer would wait for ever, as flush would without its release.
                isolation.releaseHeld();
            }
            mailbox.yield();
        }
        if (rateLimit.isPresent()) {
            long due = System.nanoTime() + rateLimit.get().reserve(batch.rows().size(), System.nanoTime());
            long left;
            while ((left = due - System.nanoTime()) > 0) {
                if (!mailbox.tryYield()) {
                    LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(1)));
                }
            }
        }
        inFlight++;
        batchesEmitted.inc();
        attempt(new RowBatch(nextWriteTimestampMicros(), batch.rows(), batch.estimatedBytes()), 1);
    }

    /**
     * The write timestamp of a new batch: the processing time in microseconds, and always later than the
     * previous batch's, so that of two batches with one primary key the later one wins in Cassandra even
     * within one millisecond, and whatever retries the writer makes.
     */
    private long nextWriteTimestampMicros() {
        lastWriteTimestampMicros = Math.max(lastWriteTimestampMicros + 1, time.getCurrentProcessingTime() * 1000);
        return lastWriteTimestampMicros;
    }

    private void attempt(RowBatch batch, int attempt) {
        long sentAt = System.nanoTime();
        isolation.write(batch).whenComplete((outcome, error) -> mailbox.execute(() -> {
            if (error == null) {
                written(batch, outcome, sentAt);
            } else {
                failed(batch, attempt, WriteErrors.unwrapCompletion(error));
            }
        }, "Cassandra write answered"));
    }

    private void written(RowBatch batch, RefusedRowIsolation.Outcome outcome, long sentAt) {
        inFlight--;
        lastSendMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);
        rowsWritten.inc(outcome.rowsWritten());
        recordsSent.inc(outcome.rowsWritten());
        requestsWritten.inc(outcome.requestsWritten());
        if (outcome.deadLetters().isEmpty()) {
            bytesSent.inc(batch.estimatedBytes());
        } else {
            eventsRejected.inc(outcome.deadLetters().size());
            writeRejected.inc(outcome.deadLetters().size());
            deadLetters.addAll(outcome.deadLetters());
        }
    }

    private void failed(RowBatch batch, int attempt, Throwable error) throws Exception {
        if (error instanceof TransientWriteException && retries.canRetry(attempt)) {
            writeRetries.inc();
            long backoff = retries.backoffMillis(attempt);
            LOG.warn("Cassandra write of {} row(s) failed (attempt {} of {}), trying again in {} ms: {}",
                    batch.size(), attempt, retries.maxRetries() + 1, backoff, error.getCause().toString());
            time.registerTimer(time.getCurrentProcessingTime() + backoff, now -> attempt(batch, attempt + 1));
            return;
        }
        inFlight--;
        // Fails the task: the job restarts from its last checkpoint (fatal errors: not at all, see
        // FatalWriteException), and replays every row after it.
        throw error instanceof Exception exception ? exception : new IOException(error);
    }

    private void scheduleLinger() {
        long oldest = batches.oldestFirstAddedAt();
        if (!lingerTimerSet && oldest >= 0) {
            lingerTimerSet = true;
            time.registerTimer(oldest + batching.lingerMillis(), this::onLinger);
        }
    }

    private void onLinger(long now) throws InterruptedException {
        lingerTimerSet = false;
        batches.drainOlderThan(now - batching.lingerMillis(), this::queue);
        sendQueued();
        scheduleLinger();
    }

    @Override
    public void close() throws Exception {
        try {
            executor.close();
        } finally {
            // Rows per request (how full the batches were) is worth one line; the benchmark reads it.
            if (requestsWritten.getCount() > 0) {
                LOG.info("Wrote {} rows in {} requests ({} rows/request), {} failed requests",
                        rowsWritten.getCount(), requestsWritten.getCount(),
                        String.format(Locale.ROOT, "%.1f", (double) rowsWritten.getCount() / requestsWritten.getCount()),
                        writeFailures.getCount());
            }
        }
    }
}
