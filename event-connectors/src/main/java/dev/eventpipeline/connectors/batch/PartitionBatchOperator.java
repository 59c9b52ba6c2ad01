package dev.eventpipeline.connectors.batch;

import dev.eventpipeline.connectors.metrics.PipelineMetrics;
import dev.eventpipeline.connectors.types.RowBatch;
import dev.eventpipeline.connectors.types.SourcedRow;
import dev.eventpipeline.model.TableLayout;
import java.util.List;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Buffers rows per Cassandra partition and emits one-partition batches when full, after the linger
 * time, and always before a checkpoint barrier. Emitting before the barrier is what keeps this
 * buffer out of state: when a checkpoint completes, every row before it has reached the sink,
 * which itself waits for its writes, so a crash can only replay rows, never lose them.
 */
public final class PartitionBatchOperator extends AbstractStreamOperator<RowBatch>
        implements OneInputStreamOperator<SourcedRow, RowBatch>, BoundedOneInput,
                ProcessingTimeCallback {

    private static final long serialVersionUID = 1L;

    private final BatchSettings settings;
    private final TableLayout layout;

    private transient PartitionBatches batches;
    private transient boolean timerRegistered;
    private transient Counter batchesEmitted;
    private transient Counter rowCollisions;
    private transient long lastWriteTimestampMicros;

    public PartitionBatchOperator(BatchSettings settings, TableLayout layout) {
        this.settings = settings;
        this.layout = layout;
        setChainingStrategy(ChainingStrategy.ALWAYS);
    }

    @Override
    public void open() throws Exception {
        super.open();
        batches = new PartitionBatches(settings.maxRows(), settings.maxBytes(), settings.maxBufferedRows(), layout);
        batchesEmitted = getMetricGroup().counter(PipelineMetrics.BATCHES_EMITTED);
        // Distinct events (other event_id) that replaced a buffered row of the same primary key.
        rowCollisions = getMetricGroup().counter(PipelineMetrics.ROW_COLLISIONS);
        getMetricGroup().gauge(PipelineMetrics.BUFFERED_ROWS, () -> batches.bufferedRows());
    }

    @Override
    public void processElement(StreamRecord<SourcedRow> element) {
        long now = getProcessingTimeService().getCurrentProcessingTime();
        if (batches.add(element.getValue(), now, this::emit)) {
            rowCollisions.inc();
        }
        scheduleLinger();
    }

    @Override
    public void onProcessingTime(long time) {
        timerRegistered = false;
        batches.drainOlderThan(time - settings.lingerMillis(), this::emit);
        scheduleLinger();
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        batches.drainAll(this::emit);
    }

    @Override
    public void endInput() {
        batches.drainAll(this::emit);
    }

    @Override
    public void finish() throws Exception {
        batches.drainAll(this::emit);
        super.finish();
    }

    /** Collisions seen by this subtask (also the rowCollisions metric). */
    long rowCollisions() {
        return rowCollisions.getCount();
    }

    private void scheduleLinger() {
        long oldest = batches.oldestFirstAddedAt();
        if (!timerRegistered && oldest >= 0) {
            timerRegistered = true;
            getProcessingTimeService().registerTimer(oldest + settings.lingerMillis(), this);
        }
    }

    /**
     * Hands a batch on with its write timestamp: the processing time in microseconds, and always
     * later than the previous batch's, so that of two batches with one primary key the later one
     * wins in Cassandra even within one millisecond, and whatever retries the writer makes.
     */
    private void emit(List<SourcedRow> rows) {
        long now = getProcessingTimeService().getCurrentProcessingTime() * 1000;
        lastWriteTimestampMicros = Math.max(lastWriteTimestampMicros + 1, now);
        batchesEmitted.inc();
        output.collect(new StreamRecord<>(new RowBatch(lastWriteTimestampMicros, rows)));
    }
}
