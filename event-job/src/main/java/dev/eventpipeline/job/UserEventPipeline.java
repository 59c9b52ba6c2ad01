package dev.eventpipeline.job;

import dev.eventpipeline.connectors.cassandra.CassandraRowSink;
import dev.eventpipeline.connectors.cassandra.CassandraSinkKind;
import dev.eventpipeline.connectors.cassandra.CassandraSinkSettings;
import dev.eventpipeline.connectors.cassandra.RowWriteExecutor;
import dev.eventpipeline.connectors.deadletter.DeadLetter;
import dev.eventpipeline.connectors.deadletter.DeadLetterGuarantee;
import dev.eventpipeline.connectors.deadletter.DeadLetterSinks;
import dev.eventpipeline.connectors.kafka.RawEvent;
import dev.eventpipeline.connectors.kafka.UserEventKafkaSources;
import dev.eventpipeline.connectors.process.DecodeAndValidateFunction;
import dev.eventpipeline.connectors.types.SourcedRow;
import dev.eventpipeline.connectors.types.SourcedRowTypeInfo;
import dev.eventpipeline.job.config.JobSettings;
import dev.eventpipeline.job.config.PipelineConfig;
import dev.eventpipeline.transform.ValidationLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline: raw Kafka records are decoded, validated and mapped; the Cassandra sink groups rows by
 * partition and upserts them, and everything refused goes to the dead-letter topic: validation's
 * through one Kafka sink, Cassandra's (after the checkpoint that saw them) through the Cassandra sink's
 * own. Source, row writes (the driver behind the Cassandra sink) and dead-letter sinks are injected so
 * tests can swap them; every operator has a stable uid so savepoints survive changes.
 */
public final class UserEventPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(UserEventPipeline.class);

    public static final String SOURCE_UID = "kafka-source";
    public static final String DECODE_UID = "decode-validate";
    public static final String ROW_SINK_UID = "cassandra-sink";
    public static final String DEAD_LETTER_SINK_UID = "dead-letter-sink";
    public static final String REFUSED_ROW_DEAD_LETTER_SINK_UID = "refused-row-dead-letter-sink";

    private final Source<RawEvent, ?, ?> source;
    private final CassandraSinkSettings cassandra;
    private final RowWriteExecutor.Factory rowWrites;
    private final Sink<DeadLetter> deadLetterSink;
    private final Sink<DeadLetter> refusedRowDeadLetterSink;
    private final JobSettings job;
    private final ValidationLimits validation;
    private final Clock clock;
    /** Set when dead letters go through Kafka transactions, whose timeout must outlast a checkpoint interval. */
    private Optional<Duration> deadLetterTransactionTimeout = Optional.empty();

    /**
     * @param cassandra how rows are batched and written (table, layout, retries, timeouts)
     * @param rowWrites what executes each batch's write: in production the driver on {@code cassandra}'s cluster
     * @param deadLetterSink where validation's dead letters go
     * @param refusedRowDeadLetterSink where the dead letters of rows Cassandra refused go
     */
    public UserEventPipeline(Source<RawEvent, ?, ?> source, CassandraSinkSettings cassandra,
            RowWriteExecutor.Factory rowWrites, Sink<DeadLetter> deadLetterSink,
            Sink<DeadLetter> refusedRowDeadLetterSink, JobSettings job, ValidationLimits validation, Clock clock) {
        this.source = source;
        this.cassandra = cassandra;
        this.rowWrites = rowWrites;
        this.deadLetterSink = deadLetterSink;
        this.refusedRowDeadLetterSink = refusedRowDeadLetterSink;
        this.job = job;
        this.validation = validation;
        this.clock = clock;
    }

    /** The production wiring: Kafka in, Cassandra and the dead-letter topic out. */
    public static UserEventPipeline fromConfig(PipelineConfig config) {
        UserEventPipeline pipeline = new UserEventPipeline(
                UserEventKafkaSources.rawEvents(config.kafka()),
                config.cassandra(),
                CassandraRowSink.driverExecutors(config.cassandra()),
                DeadLetterSinks.kafka(config.deadLetters()),
                DeadLetterSinks.kafkaForRefusedRows(config.deadLetters()),
                config.job(),
                config.validation(),
                Clock.systemUTC());
        if (config.deadLetters().deliveryGuarantee() == DeadLetterGuarantee.EXACTLY_ONCE) {
            pipeline.deadLetterTransactionTimeout = Optional.of(config.deadLetters().transactionTimeout());
        }
        return pipeline;
    }

    /**
     * The Flink settings the job itself sets: object reuse always; the exponential-delay restart strategy
     * only when the user set the job's restart options (otherwise the cluster's restart strategy applies,
     * as for any Flink job).
     */
    public static Configuration flinkConfiguration(JobSettings job) {
        Configuration configuration = new Configuration();
        if (job.setsRestartStrategy()) {
            configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
            job.restartInitialBackoff().ifPresent(initial -> configuration.set(
                    RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, initial));
            job.restartMaxBackoff().ifPresent(max -> configuration.set(
                    RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, max));
        }
        // Every operator here emits a new object per record and never changes one it has handed on,
        // so Flink need not deep-copy each record (and each row's metadata map) between chained
        // operators; the profile showed those copies (docs/benchmarks.md).
        configuration.set(org.apache.flink.configuration.PipelineOptions.OBJECT_REUSE, true);
        return configuration;
    }

    /**
     * The checkpoint interval the job runs with: checkpoint.interval when set; else the one the environment
     * already has from the cluster's configuration (execution.checkpointing.interval in config.yaml, which
     * `flink run` reads); else {@link JobSettings#DEFAULT_CHECKPOINT_INTERVAL}, since the job needs
     * checkpoints to commit Kafka offsets and flush its sinks.
     */
    static Duration checkpointInterval(JobSettings job, StreamExecutionEnvironment env) {
        if (job.checkpointInterval().isPresent()) {
            return job.checkpointInterval().get();
        }
        return env.getCheckpointConfig().isCheckpointingEnabled()
                ? Duration.ofMillis(env.getCheckpointConfig().getCheckpointInterval())
                : JobSettings.DEFAULT_CHECKPOINT_INTERVAL;
    }

    /** Adds the pipeline's operators to {@code env} and applies the job settings to it. */
    public void buildOn(StreamExecutionEnvironment env) {
        env.configure(flinkConfiguration(job));
        Duration interval = checkpointInterval(job, env);
        LOG.info("Checkpoint interval {} ({}); restart strategy {}", interval,
                job.checkpointInterval().isPresent() ? "checkpoint.interval"
                        : env.getCheckpointConfig().isCheckpointingEnabled() ? "the cluster's execution.checkpointing.interval"
                        : "default: neither checkpoint.interval nor the cluster sets one",
                job.setsRestartStrategy() ? "exponential-delay (restart.* options)" : "the cluster's");
        if (job.checkpointInterval().isEmpty() && deadLetterTransactionTimeout.isPresent()) {
            // The cluster's interval is known only now; PipelineConfig checked the job's own (or the default).
            PipelineConfig.transactionTimeoutProblem(deadLetterTransactionTimeout.get(), interval,
                    " (the cluster's execution.checkpointing.interval)", job).ifPresent(problem -> {
                        throw new IllegalArgumentException(problem);
                    });
        }
        env.enableCheckpointing(interval.toMillis());
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

        if (cassandra.sink() == CassandraSinkKind.CONNECTOR) {
            ConnectorSinks.addTo(rows, cassandra, "Cassandra (flink-connector-cassandra): upsert " + cassandra.table(),
                    ROW_SINK_UID);
        } else {
            rows.sinkTo(CassandraRowSink.builder()
                            .setSettings(cassandra)
                            .setExecutors(rowWrites)
                            .setClock(clock)
                            .setDeadLetterSink(refusedRowDeadLetterSink, REFUSED_ROW_DEAD_LETTER_SINK_UID)
                            .build())
                    .name("Cassandra: upsert " + cassandra.table())
                    .uid(ROW_SINK_UID);
        }

        rows.getSideOutput(DecodeAndValidateFunction.DEAD_LETTERS)
                .sinkTo(deadLetterSink)
                .name("Kafka: dead letters")
                .uid(DEAD_LETTER_SINK_UID);
    }
}
