package dev.eventpipeline.connectors.batch;

import dev.eventpipeline.model.UserEventCassandraModel;
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
public final class PartitionBatchOperator extends AbstractStreamOperator<List<UserEventCassandraModel>>
        implements OneInputStreamOperator<UserEventCassandraModel, List<UserEventCassandraModel>>, BoundedOneInput,
                ProcessingTimeCallback {

    private static final long serialVersionUID = 1L;

    private final BatchSettings settings;

    private transient PartitionBatches batches;
    private transient boolean timerRegistered;
    private transient Counter batchesEmitted;

    public PartitionBatchOperator(BatchSettings settings) {
        this.settings = settings;
        setChainingStrategy(ChainingStrategy.ALWAYS);
    }

    @Override
    public void open() throws Exception {
        super.open();
        batches = new PartitionBatches(settings.maxRows(), settings.maxBytes(), settings.maxBufferedRows());
        batchesEmitted = getMetricGroup().counter("batchesEmitted");
        getMetricGroup().gauge("bufferedRows", () -> batches.bufferedRows());
    }

    @Override
    public void processElement(StreamRecord<UserEventCassandraModel> element) {
        long now = getProcessingTimeService().getCurrentProcessingTime();
        batches.add(element.getValue(), now, this::emit);
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

    private void scheduleLinger() {
        long oldest = batches.oldestFirstAddedAt();
        if (!timerRegistered && oldest >= 0) {
            timerRegistered = true;
            getProcessingTimeService().registerTimer(oldest + settings.lingerMillis(), this);
        }
    }

    private void emit(List<UserEventCassandraModel> batch) {
        batchesEmitted.inc();
        output.collect(new StreamRecord<>(batch));
    }
}
