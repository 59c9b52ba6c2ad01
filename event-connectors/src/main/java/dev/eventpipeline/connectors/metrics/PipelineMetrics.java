package dev.eventpipeline.connectors.metrics;

import java.util.List;

/**
 * The names of the metrics the job registers, and of the Flink metrics its operations view reads: one place
 * for the operators that register them, the Grafana dashboard's check and the tests that scrape them.
 *
 * <p>Prometheus names follow Flink's PrometheusReporter: {@code flink_} + the group's logical scope + the
 * metric's name, joined with {@code _}. A key-value group ({@code reason}, {@code topic}, {@code partition})
 * adds its key to the name and its value as a label, e.g. {@code reason.MALFORMED_JSON.eventsRejected} is
 * {@code flink_taskmanager_job_task_operator_reason_eventsRejected{reason="MALFORMED_JSON",…}}.
 */
public final class PipelineMetrics {

    // Decode, validate, map to row
    public static final String EVENTS_IN = "eventsIn";
    public static final String EVENTS_VALID = "eventsValid";
    public static final String EVENTS_REJECTED = "eventsRejected";
    /** Key of the group that splits {@link #EVENTS_REJECTED} by reject reason. */
    public static final String REASON_GROUP = "reason";
    public static final String EVENT_TIME_LAG_MILLIS = "eventTimeLagMillis";

    /** Suffix of the per-second rates (Flink MeterViews over the last 60 s) beside some counters, for the REST API and Web UI. */
    public static final String PER_SECOND = "PerSecond";
    public static final String EVENTS_IN_RATE = EVENTS_IN + PER_SECOND;
    public static final String EVENTS_REJECTED_RATE = EVENTS_REJECTED + PER_SECOND;

    // Cassandra sink: batching rows by partition
    public static final String BATCHES_EMITTED = "batchesEmitted";
    public static final String BUFFERED_ROWS = "bufferedRows";
    public static final String ROW_COLLISIONS = "rowCollisions";

    // Cassandra sink: writing
    public static final String ROWS_WRITTEN = "rowsWritten";
    /** Requests sent and not yet answered (retries waiting for their backoff included). */
    public static final String IN_FLIGHT_REQUESTS = "inFlightRequests";
    /** Requests tried again after a transient error. */
    public static final String WRITE_RETRIES = "writeRetries";
    public static final String REQUESTS_WRITTEN = "requestsWritten";
    public static final String WRITE_FAILURES = "writeFailures";
    public static final String ROWS_WRITTEN_RATE = ROWS_WRITTEN + PER_SECOND;

    // Kafka source, per partition: KafkaSourceReader.topic.<topic>.partition.<partition>.<name> (PartitionLagSource)
    public static final String KAFKA_SOURCE_READER_GROUP = "KafkaSourceReader";
    public static final String TOPIC_GROUP = "topic";
    public static final String PARTITION_GROUP = "partition";
    /** The Kafka consumer's {@code records-lag}: the partition's high watermark minus the consumer's position. */
    public static final String RECORDS_LAG = "recordsLag";
    /** The Kafka consumer's {@code records-lag-max}: the largest lag over its metric window (2 × 30 s by default). */
    public static final String RECORDS_LAG_MAX = "recordsLagMax";

    private static final String OPERATOR = "flink_taskmanager_job_task_operator_";
    private static final String JOB = "flink_jobmanager_job_";
    private static final String PARTITION_SCOPE = OPERATOR + KAFKA_SOURCE_READER_GROUP + "_" + TOPIC_GROUP + "_" + PARTITION_GROUP + "_";

    /** As Prometheus shows them (see the class comment). */
    public static final String PROM_EVENTS_IN = OPERATOR + EVENTS_IN;
    public static final String PROM_EVENTS_VALID = OPERATOR + EVENTS_VALID;
    public static final String PROM_EVENTS_REJECTED = OPERATOR + EVENTS_REJECTED;
    public static final String PROM_EVENTS_REJECTED_BY_REASON = OPERATOR + REASON_GROUP + "_" + EVENTS_REJECTED;
    public static final String PROM_EVENT_TIME_LAG_MILLIS = OPERATOR + EVENT_TIME_LAG_MILLIS;
    public static final String PROM_BATCHES_EMITTED = OPERATOR + BATCHES_EMITTED;
    public static final String PROM_BUFFERED_ROWS = OPERATOR + BUFFERED_ROWS;
    public static final String PROM_ROW_COLLISIONS = OPERATOR + ROW_COLLISIONS;
    public static final String PROM_ROWS_WRITTEN = OPERATOR + ROWS_WRITTEN;
    public static final String PROM_REQUESTS_WRITTEN = OPERATOR + REQUESTS_WRITTEN;
    public static final String PROM_WRITE_FAILURES = OPERATOR + WRITE_FAILURES;
    public static final String PROM_RECORDS_LAG = PARTITION_SCOPE + RECORDS_LAG;
    public static final String PROM_RECORDS_LAG_MAX = PARTITION_SCOPE + RECORDS_LAG_MAX;
    /** Flink's own, per source subtask (FLIP-33): the records the reader has yet to read, over its partitions. */
    public static final String PROM_PENDING_RECORDS = OPERATOR + "pendingRecords";
    /** Flink's own, per partition (the Kafka connector): the next offset the reader will read. */
    public static final String PROM_CURRENT_OFFSET = PARTITION_SCOPE + "currentOffset";
    /** Flink's own, per partition: the offset committed to Kafka with the last completed checkpoint. */
    public static final String PROM_COMMITTED_OFFSET = PARTITION_SCOPE + "committedOffset";
    /** Flink's own, per operator: the records an operator emitted (the dead-letter sink's are dead letters written). */
    public static final String PROM_NUM_RECORDS_OUT = OPERATOR + "numRecordsOut";
    /** Flink's own job metrics (on the JobManager). */
    public static final String PROM_LAST_CHECKPOINT_DURATION = JOB + "lastCheckpointDuration";
    public static final String PROM_LAST_CHECKPOINT_SIZE = JOB + "lastCheckpointSize";
    public static final String PROM_COMPLETED_CHECKPOINTS = JOB + "numberOfCompletedCheckpoints";
    public static final String PROM_FAILED_CHECKPOINTS = JOB + "numberOfFailedCheckpoints";
    public static final String PROM_RESTARTS = JOB + "numRestarts";

    /** Every Prometheus name above: what a running job's endpoint shows, and all a dashboard may ask for. */
    public static final List<String> PROMETHEUS_NAMES = List.of(PROM_EVENTS_IN, PROM_EVENTS_VALID, PROM_EVENTS_REJECTED,
            PROM_EVENTS_REJECTED_BY_REASON, PROM_EVENT_TIME_LAG_MILLIS, PROM_BATCHES_EMITTED, PROM_BUFFERED_ROWS,
            PROM_ROW_COLLISIONS, PROM_ROWS_WRITTEN, PROM_REQUESTS_WRITTEN, PROM_WRITE_FAILURES, PROM_RECORDS_LAG,
            PROM_RECORDS_LAG_MAX, PROM_PENDING_RECORDS, PROM_CURRENT_OFFSET, PROM_COMMITTED_OFFSET, PROM_NUM_RECORDS_OUT,
            PROM_LAST_CHECKPOINT_DURATION, PROM_LAST_CHECKPOINT_SIZE, PROM_COMPLETED_CHECKPOINTS, PROM_FAILED_CHECKPOINTS,
            PROM_RESTARTS);

    private PipelineMetrics() {}
}
