package dev.eventpipeline.connectors.process;

import dev.eventpipeline.connectors.metrics.PipelineMetrics;
import dev.eventpipeline.connectors.deadletter.DeadLetter;
import dev.eventpipeline.connectors.kafka.RawEvent;
import dev.eventpipeline.connectors.types.SourcedRow;
import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.model.Result;
import dev.eventpipeline.model.UserEventCassandraModel;
import dev.eventpipeline.model.json.UserEventJsonCodec;
import dev.eventpipeline.transform.RawEventProcessor;
import dev.eventpipeline.transform.UserEventValidator;
import dev.eventpipeline.transform.ValidationLimits;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes, validates and maps each raw record. Rows go to the main output with their Kafka source; everything refused goes
 * to {@link #DEAD_LETTERS} with its original bytes and reason. Never throws on input, so bad data
 * cannot restart the job.
 */
public final class DecodeAndValidateFunction extends ProcessFunction<RawEvent, SourcedRow> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private final int maxPayloadBytes;
    private final ValidationLimits limits;
    private final Clock clock;

    private transient RawEventProcessor processor;
    private transient Counter eventsIn;
    private transient Counter eventsValid;
    private transient Counter eventsRejected;
    private transient Map<RejectReason, Counter> rejectedByReason;
    private transient volatile long lastEventTimeMillis;

    public DecodeAndValidateFunction(int maxPayloadBytes, ValidationLimits limits, Clock clock) {
        this.maxPayloadBytes = maxPayloadBytes;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public void open(OpenContext openContext) {
        processor = new RawEventProcessor(UserEventJsonCodec.withMaxPayloadBytes(maxPayloadBytes),
                new UserEventValidator(limits, clock));
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        eventsIn = metrics.counter(PipelineMetrics.EVENTS_IN);
        metrics.meter(PipelineMetrics.EVENTS_IN_RATE, new MeterView(eventsIn));
        eventsValid = metrics.counter(PipelineMetrics.EVENTS_VALID);
        eventsRejected = metrics.counter(PipelineMetrics.EVENTS_REJECTED);
        rejectedByReason = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            MetricGroup byReason = metrics.addGroup(PipelineMetrics.REASON_GROUP, reason.name());
            Counter rejected = byReason.counter(PipelineMetrics.EVENTS_REJECTED);
            byReason.meter(PipelineMetrics.EVENTS_REJECTED_RATE, new MeterView(rejected));
            rejectedByReason.put(reason, rejected);
        }
        lastEventTimeMillis = Long.MIN_VALUE;
        // How far behind the wall clock the newest processed event is; -1 before the first one.
        metrics.gauge(PipelineMetrics.EVENT_TIME_LAG_MILLIS, () -> lastEventTimeMillis == Long.MIN_VALUE
                ? -1L : clock.millis() - lastEventTimeMillis);
    }

    @Override
    public void processElement(RawEvent raw, Context context, Collector<SourcedRow> out) {
        eventsIn.inc();
        Result<UserEventCassandraModel> result = processor.process(raw.value);
        if (result.isAccepted()) {
            eventsValid.inc();
            lastEventTimeMillis = result.value().eventTime().toEpochMilli();
            out.collect(SourcedRow.of(result.value(), raw));
        } else {
            eventsRejected.inc();
            rejectedByReason.get(result.rejection().reason()).inc();
            context.output(DEAD_LETTERS, DeadLetter.of(raw, result.rejection(), clock.millis()));
        }
    }
}
