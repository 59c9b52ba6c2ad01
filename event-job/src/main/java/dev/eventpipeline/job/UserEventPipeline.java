package dev.eventpipeline.job;

import dev.eventpipeline.connectors.batch.PartitionBatchOperator;
import dev.eventpipeline.connectors.cassandra.CassandraSinkSettings;
import dev.eventpipeline.connectors.cassandra.CassandraWriter;
import dev.eventpipeline.connectors.cassandra.RowWriteExecutor;
import dev.eventpipeline.connectors.cassandra.UserEventsClusterBuilder;
import dev.eventpipeline.connectors.deadletter.DeadLetter;
import dev.eventpipeline.connectors.deadletter.DeadLetterSinks;
import dev.eventpipeline.connectors.kafka.RawEvent;
import dev.eventpipeline.connectors.kafka.UserEventKafkaSources;
import dev.eventpipeline.connectors.process.DecodeAndValidateFunction;
import dev.eventpipeline.connectors.types.RowBatch;
import dev.eventpipeline.connectors.types.RowBatchTypeInfo;
import dev.eventpipeline.connectors.types.SourcedRow;
import dev.eventpipeline.connectors.types.SourcedRowTypeInfo;
import dev.eventpipeline.job.config.JobSettings;
import dev.eventpipeline.job.config.PipelineConfig;
import dev.eventpipeline.transform.ValidationLimits;
import java.time.Clock;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The pipeline: raw Kafka records are decoded, validated and mapped; rows are grouped by Cassandra
 * partition and upserted, and everything refused, by validation or by Cassandra, goes to the one
 * dead-letter sink. Source, row writes (the driver behind the Cassandra writer) and dead-letter sink
 * are injected so tests can swap them; every operator has a stable uid so savepoints survive changes.
 */
public final class UserEventPipeline {

    public static final String SOURCE_UID = "kafka-source";
    public static final String DECODE_UID = "decode-validate";
    public static final String BATCH_UID = "partition-batches";
    public static final String ROW_SINK_UID = "cassandra-sink";
    public static final String DEAD_LETTER_SINK_UID = "dead-letter-sink";

    private final Source<RawEvent, ?, ?> source;
    private final CassandraSinkSettings cassandra;
    private final RowWriteExecutor.Factory rowWrites;
    private final Sink<DeadLetter> deadLetterSink;
    private final JobSettings job;
    private final ValidationLimits validation;
    private final Clock clock;

    /**
     * @param cassandra how rows are batched and written (table, layout, retries, timeouts)
     * @param rowWrites what executes each batch's write: in production the driver on {@code cassandra}'s cluster
     */
    public UserEventPipeline(Source<RawEvent, ?, ?> source, CassandraSinkSettings cassandra,
            RowWriteExecutor.Factory rowWrites, Sink<DeadLetter> deadLetterSink, JobSettings job,
            ValidationLimits validation, Clock clock) {
        this.source = source;
        this.cassandra = cassandra;
        this.rowWrites = rowWrites;
        this.deadLetterSink = deadLetterSink;
        this.job = job;
        this.validation = validation;
        this.clock = clock;
    }

    /** The production wiring: Kafka in, Cassandra and the dead-letter topic out. */
    public static UserEventPipeline fromConfig(PipelineConfig config) {
        return new UserEventPipeline(
                UserEventKafkaSources.rawEvents(config.kafka()),
                config.cassandra(),
                new UserEventsClusterBuilder(config.cassandra()).executors(),
                DeadLetterSinks.kafka(config.deadLetters()),
                config.job(),
                config.validation(),
                Clock.systemUTC());
    }

    /** Object reuse and the exponential-delay restart strategy, as Flink configuration. */
    public static Configuration flinkConfiguration(JobSettings job) {
        Configuration configuration = new Configuration();
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                job.restartInitialBackoff());
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                job.restartMaxBackoff());
        // Every operator here emits a new object per record and never changes one it has handed on,
        // so Flink need not deep-copy each record (and each row's metadata map) between chained
        // operators; the profile showed those copies (docs/benchmarks.md).
        configuration.set(org.apache.flink.configuration.PipelineOptions.OBJECT_REUSE, true);
        return configuration;
    }

    /** Adds the pipeline's operators to {@code env} and applies the job settings to it. */
    public void buildOn(StreamExecutionEnvironment env) {
        env.configure(flinkConfiguration(job));
        env.enableCheckpointing(job.checkpointInterval().toMillis());
        job.parallelism().ifPresent(env::setParallelism);

        // Watermarks follow Kafka record time per partition, so a quiet partition can go idle.
        WatermarkStrategy<RawEvent> watermarks = WatermarkStrategy
                .<RawEvent>forBoundedOutOfOrderness(job.watermarkOutOfOrderness())
                .withIdleness(job.watermarkIdleness());

        SingleOutputStreamOperator<SourcedRow> rows = env
                .fromSource(source, watermarks, "Kafka: raw user events")
                .uid(SOURCE_UID)
                .process(new DecodeAndValidateFunction(job.maxPayloadBytes(), validation, clock),
                        SourcedRowTypeInfo.INSTANCE)
                .name("Decode, validate, map to row")
                .uid(DECODE_UID);

        DataStream<RowBatch> batches = rows
                .transform("Batch rows by Cassandra partition", RowBatchTypeInfo.INSTANCE,
                        new PartitionBatchOperator(cassandra.batching(), cassandra.tableLayout()))
                .uid(BATCH_UID);

        DataStream<DeadLetter> refusedRows = CassandraWriter.builder()
                .settings(cassandra)
                .executors(rowWrites)
                .clock(clock)
                .build()
                .writeFrom(batches)
                .name("Cassandra: upsert " + cassandra.table())
                .uid(ROW_SINK_UID);

        rows.getSideOutput(DecodeAndValidateFunction.DEAD_LETTERS)
                .union(refusedRows)
                .sinkTo(deadLetterSink)
                .name("Kafka: dead letters")
                .uid(DEAD_LETTER_SINK_UID);
    }
}
