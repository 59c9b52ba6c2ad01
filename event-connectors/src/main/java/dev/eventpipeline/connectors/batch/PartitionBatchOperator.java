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
 * time, and always before a checkpoint barrier. While the job works off a backlog (a row's Kafka
 * timestamp is older than {@link BatchSettings#backlogLagMillis()} on arrival: after a restart or an
 * outage, or a backfill) the linger is {@link BatchSettings#backlogLingerMillis()}: those rows are
 * late anyway, and fuller batches cost Cassandra less per row, so the backlog is gone sooner. Emitting before the barrier is what keeps this
 * buffer out of state: when a checkpoint completes, every row before it has reached the sink,
 * which itself waits for its writes, so a crash can only replay rows, never lose them.
 */
public final class PartitionBatchOperator extends AbstractStreamOperator<List<UserEventCassandraModel>>
        implements OneInputStreamOperator<UserEventCassandraModel, List<UserEventCassandraModel>>, BoundedOneInput,
                ProcessingTimeCallback {

    private static final long serialVersionUID = 1L;

    private final BatchSettings settings;

    private transient PartitionBatches batches;
    // The earliest timer still to fire; a batch due sooner (live after backlog) gets its own.
    private transient long timerAt;
    private transient Counter batchesEmitted;

    public PartitionBatchOperator(BatchSettings settings) {
        this.settings = settings;
        setChainingStrategy(ChainingStrategy.ALWAYS);
    }

    @Override
    public void open() throws Exception {
        super.open();
        batches = new PartitionBatches(settings.maxRows(), settings.maxBytes(), settings.maxBufferedRows());
        timerAt = Long.MAX_VALUE;
        batchesEmitted = getMetricGroup().counter("batchesEmitted");
        getMetricGroup().gauge("bufferedRows", () -> batches.bufferedRows());
    }

    @Override
    public void processElement(StreamRecord<UserEventCassandraModel> element) {
        long now = getProcessingTimeService().getCurrentProcessingTime();
        boolean behind = element.hasTimestamp() && now - element.getTimestamp() > settings.backlogLagMillis();
        long linger = behind
                ? Math.max(settings.lingerMillis(), settings.backlogLingerMillis())
                : settings.lingerMillis();
        batches.add(element.getValue(), now, linger, this::emit);
        scheduleLinger();
    }

    @Override
    public void onProcessingTime(long time) {
        if (time >= timerAt) {
            timerAt = Long.MAX_VALUE;
        }
        batches.drainDue(time, this::emit);
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
        long next = batches.nextDueAt();
        if (next >= 0 && next < timerAt) {
            timerAt = next;
            getProcessingTimeService().registerTimer(next, this);
        }
    }

    private void emit(List<UserEventCassandraModel> batch) {
        batchesEmitted.inc();
        output.collect(new StreamRecord<>(batch));
    }
}
