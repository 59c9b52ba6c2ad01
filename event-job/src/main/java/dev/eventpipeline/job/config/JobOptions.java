package dev.eventpipeline.job.config;

import static dev.eventpipeline.job.config.Parsers.bool;
import static dev.eventpipeline.job.config.Parsers.choice;
import static dev.eventpipeline.job.config.Parsers.duration;
import static dev.eventpipeline.job.config.Parsers.durationBetween;
import static dev.eventpipeline.job.config.Parsers.intBetween;
import static dev.eventpipeline.job.config.Parsers.positiveRate;
import static dev.eventpipeline.job.config.Parsers.list;
import static dev.eventpipeline.job.config.Parsers.nonEmpty;
import static dev.eventpipeline.job.config.Parsers.passwordFile;

import dev.eventpipeline.connectors.cassandra.CassandraSinkKind;
import dev.eventpipeline.connectors.cassandra.CassandraSinkSettings;
import dev.eventpipeline.connectors.cassandra.CassandraTls;
import dev.eventpipeline.connectors.cassandra.CassandraTlsSettings;
import dev.eventpipeline.connectors.cassandra.CqlIdentifiers;
import dev.eventpipeline.connectors.deadletter.DeadLetterGuarantee;
import dev.eventpipeline.connectors.deadletter.DeadLetterSinkSettings;
import dev.eventpipeline.connectors.kafka.StartingOffsets;
import dev.eventpipeline.job.ConnectorSinks;
import dev.eventpipeline.model.TableLayout;
import dev.eventpipeline.model.UserEventCassandraModel;
import dev.eventpipeline.model.json.UserEventJsonCodec;
import dev.eventpipeline.model.kafka.UserEventRecords;
import dev.eventpipeline.transform.CassandraLimits;
import dev.eventpipeline.transform.ValidationLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Every configuration key of the job, with its default and meaning. {@code --help} prints these. (Named so
 * as not to be confused with Flink's {@code org.apache.flink.configuration.PipelineOptions}.)
 */
public final class JobOptions {

    /** Kafka client properties for source and dead-letter producer: kafka.property.security.protocol=SSL. */
    public static final String KAFKA_PROPERTY_PREFIX = "kafka.property.";

    /**
     * Kafka producer properties for the dead-letter producer only, over the kafka.property.* it
     * otherwise shares with the source: dlq.property.sasl.jaas.config=... for its own principal. An
     * empty value removes the inherited property.
     */
    public static final String DLQ_PROPERTY_PREFIX = "dlq.property.";

    /** The prefixes of pass-through Kafka client properties. */
    public static final List<String> PROPERTY_PREFIXES = List.of(KAFKA_PROPERTY_PREFIX, DLQ_PROPERTY_PREFIX);

    public static final JobOption<List<String>> KAFKA_BOOTSTRAP_SERVERS = JobOption.of(
            "kafka.bootstrap-servers", "127.0.0.1:9092", "Kafka brokers, host:port[,host:port...]", list());
    public static final JobOption<String> KAFKA_TOPIC = JobOption.of(
            "kafka.topic", UserEventRecords.DEFAULT_TOPIC, "Topic the events are read from", nonEmpty());
    public static final JobOption<String> KAFKA_GROUP_ID = JobOption.of(
            "kafka.group-id", "event-pipeline", "Consumer group; offsets are committed on checkpoints", nonEmpty());
    public static final JobOption<StartingOffsets> KAFKA_STARTING_OFFSETS = JobOption.of(
            "kafka.starting-offsets", "committed",
            "Where a new job starts: " + StartingOffsets.FORMS + " (committed falls back to earliest)",
            StartingOffsets::parse);
    public static final JobOption<Duration> KAFKA_PARTITION_DISCOVERY = JobOption.of(
            "kafka.partition-discovery-interval", "1 min", "How often new partitions are picked up; 0 s turns it off",
            duration(true));
    public static final JobOption<Boolean> KAFKA_BOUNDED = JobOption.of(
            "kafka.bounded", "false", "Stop at the offsets that are latest at start (backfills, benchmarks)", bool());

    public static final JobOption<String> DLQ_TOPIC = JobOption.of(
            "dlq.topic", UserEventRecords.DEFAULT_DEAD_LETTER_TOPIC, "Topic for events that cannot become rows", nonEmpty());

    public static final JobOption<Integer> DLQ_MAX_RECORD_BYTES = JobOption.of(
            "dlq.max-record-bytes", "1000000",
            "Largest dead-letter record; longer payloads are cut to fit (original size in a header). "
                    + "Keep it within the topic's max.message.bytes", intBetween(10_000, 64 * 1024 * 1024));

    public static final JobOption<DeadLetterGuarantee> DLQ_DELIVERY_GUARANTEE = JobOption.of(
            "dlq.delivery-guarantee", DeadLetterGuarantee.AT_LEAST_ONCE.optionValue(),
            "at-least-once: dead letters are visible at once, and a replay after a failure may repeat some; "
                    + "exactly-once: Kafka transactions committed with each checkpoint, so a read_committed consumer "
                    + "sees each dead letter once, but only after the checkpoint that covers it (see "
                    + "dlq.transaction-timeout)", DeadLetterGuarantee::fromOptionValue);
    public static final JobOption<Duration> DLQ_TRANSACTION_TIMEOUT = JobOption.of(
            "dlq.transaction-timeout", "15 min",
            "With exactly-once: the dead-letter producer's transaction.timeout.ms. A transaction open longer (a "
                    + "checkpoint, or a restart after a failure, that takes longer) is aborted by Kafka and its dead "
                    + "letters are lost, so cover the longest outage; at most the brokers' transaction.max.timeout.ms "
                    + "(15 min by default; the start-up check compares), and read_committed consumers may wait this "
                    + "long behind a transaction left open by a crash",
            durationBetween(Duration.ofSeconds(1), Duration.ofDays(24))); // an int of milliseconds in Kafka
    public static final JobOption<String> DLQ_TRANSACTIONAL_ID_PREFIX = JobOption.optional(
            "dlq.transactional-id-prefix",
            "With exactly-once: start of the dead-letter producer's transactional ids (<prefix>-<subtask>-<checkpoint>); "
                    + "unset: <job.name>-<dlq.topic>. Must be unique per job on the Kafka cluster (two jobs with one "
                    + "prefix abort each other's transactions) and kept across restarts from a checkpoint or savepoint",
            transactionalIdPrefix());

    public static final JobOption<List<String>> CASSANDRA_CONTACT_POINTS = JobOption.of(
            "cassandra.contact-points", "127.0.0.1", "Cassandra hosts, comma-separated", list());
    public static final JobOption<Integer> CASSANDRA_PORT = JobOption.of(
            "cassandra.port", "9042", "CQL native port", intBetween(1, 65535));
    public static final JobOption<String> CASSANDRA_LOCAL_DATACENTER = JobOption.of(
            "cassandra.local-datacenter", "datacenter1", "Datacenter the job writes to", nonEmpty());
    public static final JobOption<String> CASSANDRA_KEYSPACE = JobOption.of(
            "cassandra.keyspace", UserEventCassandraModel.KEYSPACE, "Keyspace of the table", identifier());
    public static final JobOption<TableLayout> CASSANDRA_TABLE_LAYOUT = JobOption.of(
            "cassandra.table-layout", "seed",
            "Primary key of the table: seed ((user_id, bucket_date), event_time, event_type): events of one user "
                    + "with the same millisecond and type share a row; event-id adds event_id as the last "
                    + "clustering column, so only duplicates of one event share a row",
            TableLayout::fromOptionValue);
    public static final JobOption<CassandraSinkKind> CASSANDRA_SINK = JobOption.of(
            "cassandra.sink", "sink-v2",
            "Which sink writes the rows: sink-v2 (the job's Sink V2 sink on driver 4: batches by partition, retries "
                    + "with backoff, dead-letters refused rows; Flink 1.20 and 2) or connector (flink-connector-cassandra's "
                    + "sink, one row per request, a refused row stops the job; Flink 1.20 only)",
            text -> {
                CassandraSinkKind kind = CassandraSinkKind.parse(text);
                if (kind == CassandraSinkKind.CONNECTOR && ConnectorSinks.unavailable().isPresent()) {
                    throw new IllegalArgumentException(ConnectorSinks.unavailable().get());
                }
                return kind;
            });
    public static final JobOption<String> CASSANDRA_TABLE = JobOption.optional(
            "cassandra.table", "Table the rows are upserted into; unset: " + TableLayout.SEED.defaultTable() + " (seed layout) or "
                    + TableLayout.EVENT_ID.defaultTable() + " (event-id layout), as infra/cassandra creates them", identifier());
    public static final JobOption<String> CASSANDRA_USERNAME = JobOption.optional(
            "cassandra.username", "User name for password authentication", nonEmpty());
    public static final JobOption<String> CASSANDRA_PASSWORD = JobOption.optional(
            "cassandra.password", "Password of cassandra.username (secret: set it in the --config file or the "
                    + "environment, never as an argument; or use cassandra.password-file)", text -> text);
    public static final JobOption<String> CASSANDRA_PASSWORD_FILE = JobOption.optional(
            "cassandra.password-file", "File whose content is the password of cassandra.username (one trailing "
                    + "newline ignored); instead of cassandra.password", passwordFile());
    public static final JobOption<Boolean> CASSANDRA_SSL = JobOption.of(
            "cassandra.ssl", "false", "TLS to Cassandra; the server is trusted through cassandra.ssl.truststore.path, "
                    + "else the JVM's default trust store", bool());
    public static final JobOption<String> CASSANDRA_SSL_TRUSTSTORE_PATH = JobOption.optional(
            CassandraTls.TRUSTSTORE_PATH, "Truststore with the CA certificate of the Cassandra nodes; unset: the "
                    + "JVM's default trust store. Read on the client and on every TaskManager", nonEmpty());
    public static final JobOption<String> CASSANDRA_SSL_TRUSTSTORE_PASSWORD = JobOption.optional(
            CassandraTls.TRUSTSTORE_PASSWORD, "Password of the truststore (secret)", text -> text);
    public static final JobOption<String> CASSANDRA_SSL_TRUSTSTORE_TYPE = JobOption.of(
            CassandraTls.TRUSTSTORE_TYPE, CassandraTlsSettings.DEFAULT_STORE_TYPE, "PKCS12 or JKS", nonEmpty());
    public static final JobOption<String> CASSANDRA_SSL_KEYSTORE_PATH = JobOption.optional(
            CassandraTls.KEYSTORE_PATH, "Keystore with the job's client key and certificate, for mutual TLS; the key "
                    + "has the keystore's password. Read on the client and on every TaskManager", nonEmpty());
    public static final JobOption<String> CASSANDRA_SSL_KEYSTORE_PASSWORD = JobOption.optional(
            CassandraTls.KEYSTORE_PASSWORD, "Password of the keystore and its key (secret)", text -> text);
    public static final JobOption<String> CASSANDRA_SSL_KEYSTORE_TYPE = JobOption.of(
            CassandraTls.KEYSTORE_TYPE, CassandraTlsSettings.DEFAULT_STORE_TYPE, "PKCS12 or JKS", nonEmpty());
    public static final JobOption<Boolean> CASSANDRA_SSL_HOSTNAME_VERIFICATION = JobOption.of(
            CassandraTls.HOSTNAME_VERIFICATION, "true", "The node's certificate must name the host connected to "
                    + "(a contact point as written, other nodes by address)", bool());
    /** The options that mean something only with cassandra.ssl=true. */
    static final List<JobOption<?>> CASSANDRA_SSL_OPTIONS = List.of(
            CASSANDRA_SSL_TRUSTSTORE_PATH, CASSANDRA_SSL_TRUSTSTORE_PASSWORD, CASSANDRA_SSL_TRUSTSTORE_TYPE,
            CASSANDRA_SSL_KEYSTORE_PATH, CASSANDRA_SSL_KEYSTORE_PASSWORD, CASSANDRA_SSL_KEYSTORE_TYPE,
            CASSANDRA_SSL_HOSTNAME_VERIFICATION);
    public static final JobOption<String> CASSANDRA_CONSISTENCY = JobOption.of(
            "cassandra.consistency", "LOCAL_QUORUM", "Write consistency level",
            choice("ANY", "ONE", "TWO", "THREE", "QUORUM", "ALL", "LOCAL_QUORUM", "EACH_QUORUM", "LOCAL_ONE"));
    public static final JobOption<Duration> CASSANDRA_TTL = JobOption.optional(
            "cassandra.ttl", "Rows expire after this (e.g. 90 d), whole seconds up to 7300 d (Cassandra's maximum); "
                    + "unset keeps them", ttl());
    public static final JobOption<Integer> CASSANDRA_MAX_CONCURRENT_REQUESTS = JobOption.of(
            "cassandra.max-concurrent-requests", Integer.toString(CassandraSinkSettings.DEFAULT_MAX_CONCURRENT_REQUESTS),
            "Requests (one-partition batches) in flight per sink subtask; bounded so a loaded node cannot queue without end",
            intBetween(1, 1024));
    public static final JobOption<Double> CASSANDRA_WRITE_RATE_LIMIT = JobOption.optional(
            "cassandra.write-rate-limit", "Rows per second each sink subtask may write, for a cluster shared with "
                    + "other work (e.g. 5000); unset writes as fast as the cluster answers", positiveRate(1e8));
    public static final JobOption<Integer> CASSANDRA_BATCH_MAX_ROWS = JobOption.of(
            "cassandra.batch.max-rows", "64",
            "Rows of one partition written as one UNLOGGED batch; 1 writes each row alone", intBetween(1, 1024));
    public static final JobOption<Integer> CASSANDRA_BATCH_MAX_BYTES = JobOption.of(
            "cassandra.batch.max-bytes", "1048576",
            "Largest one-partition batch, estimated at 3 bytes a character; one batch is one mutation, so keep it "
                    + "within half of the cluster's max_mutation_size (the start-up check does)",
            intBetween(1024, 8 * 1024 * 1024));
    public static final JobOption<Duration> CASSANDRA_BATCH_LINGER = JobOption.of(
            "cassandra.batch.linger", "200 ms", "How long a row may wait for others of its partition",
            duration(true));
    public static final JobOption<Duration> CASSANDRA_REQUEST_TIMEOUT = JobOption.of(
            "cassandra.request-timeout", "12 s", "Driver read timeout of one write",
            durationBetween(Duration.ofMillis(1), Duration.ofMinutes(10)));
    public static final JobOption<Integer> CASSANDRA_MAX_RETRIES = JobOption.of(
            "cassandra.max-retries", "5",
            "Retries of a write that failed with a transient error (timeout, unavailable, overloaded, connection "
                    + "lost), with exponential backoff and jitter, before the job restarts from its last checkpoint",
            intBetween(0, 100));
    public static final JobOption<Duration> CASSANDRA_RETRY_INITIAL_BACKOFF = JobOption.of(
            "cassandra.retry.initial-backoff", "200 ms",
            "Longest wait before the first retry (each wait is random between half and all of its ceiling)",
            durationBetween(Duration.ofMillis(1), Duration.ofMinutes(10)));
    public static final JobOption<Duration> CASSANDRA_RETRY_MAX_BACKOFF = JobOption.of(
            "cassandra.retry.max-backoff", "10 s", "Ceiling of the doubling wait between retries",
            durationBetween(Duration.ofMillis(1), Duration.ofMinutes(10)));

    public static final JobOption<Integer> MAX_PAYLOAD_BYTES = JobOption.of(
            "validation.max-payload-bytes", Integer.toString(UserEventJsonCodec.DEFAULT_MAX_PAYLOAD_BYTES),
            "Larger payloads are dead-lettered as TOO_LARGE", intBetween(64, 64 * 1024 * 1024));
    public static final JobOption<Integer> MAX_EVENT_TYPE_LENGTH = JobOption.of(
            "validation.max-event-type-length", "64",
            "Characters in event_type as sent and stored (not trimmed: surrounding whitespace counts)",
            // At most 21,845 = 65,535 / 3: a char takes at most 3 UTF-8 bytes, so any accepted event_type
            // fits a Cassandra clustering key component (65,535 bytes) whatever its characters.
            intBetween(1, CassandraLimits.MAX_EVENT_TYPE_LENGTH_LIMIT));
    public static final JobOption<Integer> MAX_METADATA_ENTRIES = JobOption.of(
            "validation.max-metadata-entries", "64", "Entries in metadata", intBetween(1, 10_000));
    public static final JobOption<Integer> MAX_METADATA_KEY_LENGTH = JobOption.of(
            "validation.max-metadata-key-length", "128",
            "Characters in a metadata key (its UTF-8 bytes are held to validation.max-metadata-value-bytes too)",
            // At most what fits in a row of validation.max-row-bytes' maximum beside the fixed columns.
            intBetween(1, CassandraLimits.MAX_METADATA_FIELD_BYTES_LIMIT));
    public static final JobOption<Integer> MAX_METADATA_VALUE_BYTES = JobOption.of(
            "validation.max-metadata-value-bytes", "4096", "UTF-8 bytes in a metadata value (and in a key)",
            intBetween(1, CassandraLimits.MAX_METADATA_FIELD_BYTES_LIMIT));
    public static final JobOption<Integer> MAX_ROW_BYTES = JobOption.of(
            "validation.max-row-bytes", Integer.toString(ValidationLimits.DEFAULT_MAX_ROW_BYTES),
            "Stored size of a row: UTF-8 bytes of event_type and of every metadata key and value, plus 44 for the "
                    + "fixed-size columns; larger rows are dead-lettered as ROW_TOO_LARGE. At most 8 MiB, half of "
                    + "Cassandra's default max_mutation_size (16 MiB)",
            intBetween(1024, CassandraLimits.MAX_ROW_BYTES_LIMIT));
    public static final JobOption<Duration> MAX_FUTURE_SKEW = JobOption.of(
            "validation.max-future-skew", "1 h", "How far ahead of the clock event_time may be", duration(true));
    public static final JobOption<Duration> MAX_AGE = JobOption.optional(
            "validation.max-age", "Older events are dead-lettered; unset accepts any age", duration(false));

    public static final JobOption<String> JOB_NAME = JobOption.of(
            "job.name", "event-pipeline", "Flink job name", nonEmpty());
    public static final JobOption<Integer> JOB_PARALLELISM = JobOption.optional(
            "job.parallelism", "Parallelism of every operator; unset uses the cluster default",
            intBetween(1, 1024));
    // Flink's own settings: unset, the cluster's config.yaml decides (Flink's convention); set, the job's value wins.
    public static final JobOption<Duration> CHECKPOINT_INTERVAL = JobOption.optional(
            "checkpoint.interval", "How often state and Kafka offsets are checkpointed; unset uses the cluster's "
                    + "execution.checkpointing.interval, or 10 s when the cluster sets none",
            durationBetween(Duration.ofMillis(10), Duration.ofDays(365))); // Flink's minimum is 10 ms
    public static final JobOption<Duration> RESTART_INITIAL_BACKOFF = JobOption.optional(
            "restart.initial-backoff", "First delay of the exponential-delay restart strategy; setting it or "
                    + "restart.max-backoff makes the job use that strategy whatever the cluster's "
                    + "restart-strategy.type; unset, the cluster's restart strategy applies (Flink's default: "
                    + "exponential-delay from 1 s)",
            duration(false));
    public static final JobOption<Duration> RESTART_MAX_BACKOFF = JobOption.optional(
            "restart.max-backoff", "Longest delay between restarts (exponential-delay; unset: the cluster's "
                    + "setting, Flink's default 1 min)", duration(false));
    public static final JobOption<Duration> WATERMARK_OUT_OF_ORDERNESS = JobOption.of(
            "watermark.out-of-orderness", "2 min", "Bound on out-of-order Kafka record times", duration(true));
    public static final JobOption<Duration> WATERMARK_IDLENESS = JobOption.of(
            "watermark.idleness", "1 min", "A partition quiet this long stops holding back the watermark",
            duration(false));
    public static final JobOption<Boolean> LOCAL = JobOption.of(
            "local", "false", "Run in an embedded Flink MiniCluster instead of submitting to a cluster", bool());
    public static final JobOption<Integer> LOCAL_WEB_UI_PORT = JobOption.of(
            "local.web-ui-port", "8081", "Flink Web UI port in local mode; 0 picks a free one", intBetween(0, 65535));
    public static final JobOption<Integer> LOCAL_METRICS_PORT = JobOption.of(
            "local.metrics-port", "9249", "Prometheus endpoint port (http://127.0.0.1:<port>/metrics) in local mode; 0 for none",
            intBetween(0, 65535));
    public static final JobOption<Boolean> JOB_PREFLIGHT = JobOption.of(
            "job.preflight", "true",
            "Before submitting, check that the topics, the table (columns, types, key for cassandra.table-layout), "
                    + "dlq.max-record-bytes, dlq.transaction-timeout (exactly-once) and cassandra.ttl fit the servers; exit 2 "
                    + "listing what to fix. false skips "
                    + "the checks, for a client that cannot reach the servers", bool());

    public static final List<JobOption<?>> ALL = List.of(
            KAFKA_BOOTSTRAP_SERVERS, KAFKA_TOPIC, KAFKA_GROUP_ID, KAFKA_STARTING_OFFSETS, KAFKA_PARTITION_DISCOVERY,
            KAFKA_BOUNDED, DLQ_TOPIC, DLQ_MAX_RECORD_BYTES, DLQ_DELIVERY_GUARANTEE, DLQ_TRANSACTION_TIMEOUT,
            DLQ_TRANSACTIONAL_ID_PREFIX,
            CASSANDRA_CONTACT_POINTS, CASSANDRA_PORT, CASSANDRA_LOCAL_DATACENTER, CASSANDRA_KEYSPACE, CASSANDRA_TABLE_LAYOUT, CASSANDRA_TABLE,
            CASSANDRA_USERNAME, CASSANDRA_PASSWORD, CASSANDRA_PASSWORD_FILE, CASSANDRA_SSL,
            CASSANDRA_SSL_TRUSTSTORE_PATH, CASSANDRA_SSL_TRUSTSTORE_PASSWORD, CASSANDRA_SSL_TRUSTSTORE_TYPE,
            CASSANDRA_SSL_KEYSTORE_PATH, CASSANDRA_SSL_KEYSTORE_PASSWORD, CASSANDRA_SSL_KEYSTORE_TYPE,
            CASSANDRA_SSL_HOSTNAME_VERIFICATION, CASSANDRA_CONSISTENCY, CASSANDRA_TTL, CASSANDRA_SINK,
            CASSANDRA_MAX_CONCURRENT_REQUESTS, CASSANDRA_WRITE_RATE_LIMIT, CASSANDRA_BATCH_MAX_ROWS, CASSANDRA_BATCH_MAX_BYTES, CASSANDRA_BATCH_LINGER,
            CASSANDRA_REQUEST_TIMEOUT, CASSANDRA_MAX_RETRIES, CASSANDRA_RETRY_INITIAL_BACKOFF,
            CASSANDRA_RETRY_MAX_BACKOFF,
            MAX_PAYLOAD_BYTES, MAX_EVENT_TYPE_LENGTH, MAX_METADATA_ENTRIES, MAX_METADATA_KEY_LENGTH,
            MAX_METADATA_VALUE_BYTES, MAX_ROW_BYTES, MAX_FUTURE_SKEW, MAX_AGE,
            JOB_NAME, JOB_PARALLELISM, CHECKPOINT_INTERVAL, RESTART_INITIAL_BACKOFF, RESTART_MAX_BACKOFF,
            WATERMARK_OUT_OF_ORDERNESS, WATERMARK_IDLENESS, LOCAL, LOCAL_WEB_UI_PORT, LOCAL_METRICS_PORT, JOB_PREFLIGHT);

    private JobOptions() {}

    /** Cassandra's TTL: whole seconds, at least 1 (0 would mean never expire), at most 630,720,000. */
    private static Function<String, Duration> ttl() {
        Function<String, Duration> positive = duration(false);
        return text -> {
            Duration value = positive.apply(text);
            if (value.getNano() != 0) {
                throw new IllegalArgumentException("must be whole seconds (Cassandra's TTL unit), e.g. 90 d or 3600 s");
            }
            if (value.getSeconds() > CassandraSinkSettings.MAX_TTL_SECONDS) {
                throw new IllegalArgumentException("must be at most " + CassandraSinkSettings.MAX_TTL_SECONDS
                        + " s (7300 d, Cassandra's maximum TTL)");
            }
            return value;
        };
    }

    /** A transactional id prefix Kafka can carry once the sink has appended subtask and checkpoint. */
    private static Function<String, String> transactionalIdPrefix() {
        Function<String, String> nonEmpty = nonEmpty();
        return text -> {
            String prefix = nonEmpty.apply(text);
            if (prefix.getBytes(StandardCharsets.UTF_8).length > DeadLetterSinkSettings.MAX_TRANSACTIONAL_ID_PREFIX_BYTES) {
                throw new IllegalArgumentException("must be at most " + DeadLetterSinkSettings.MAX_TRANSACTIONAL_ID_PREFIX_BYTES
                        + " UTF-8 bytes (Kafka's limit for a transactional id, less what the sink appends)");
            }
            return prefix;
        };
    }

    private static Function<String, String> identifier() {
        return text -> {
            if (!CqlIdentifiers.isValid(text.trim())) {
                throw new IllegalArgumentException(
                        "must be a lower-case CQL identifier: a letter, then letters, digits or _ (at most 48)");
            }
            return text.trim();
        };
    }
}
