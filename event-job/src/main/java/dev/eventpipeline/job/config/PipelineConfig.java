package dev.eventpipeline.job.config;

import static dev.eventpipeline.job.config.JobOptions.*;

import dev.eventpipeline.connectors.batch.BatchSettings;
import dev.eventpipeline.connectors.cassandra.CassandraSinkSettings;
import dev.eventpipeline.connectors.cassandra.CassandraTls;
import dev.eventpipeline.connectors.cassandra.CassandraTlsSettings;
import dev.eventpipeline.connectors.cassandra.ImmutableCassandraSinkSettings;
import dev.eventpipeline.connectors.deadletter.DeadLetterGuarantee;
import dev.eventpipeline.connectors.deadletter.DeadLetterSinkSettings;
import dev.eventpipeline.connectors.kafka.KafkaSourceSettings;
import dev.eventpipeline.connectors.secrets.Secrets;
import dev.eventpipeline.transform.CassandraLimits;
import dev.eventpipeline.transform.ValidationLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.util.TimeUtils;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.immutables.value.Value;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The job's whole configuration, typed and validated. Built by {@link #load}. */
@Value.Immutable
public abstract class PipelineConfig {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineConfig.class);

    /**
     * What dlq.transaction-timeout must leave beyond a checkpoint interval and the longest restart
     * delay: the restarted job's deployment and restore, and the checkpoint that commits.
     */
    static final Duration TRANSACTION_MARGIN = Duration.ofMinutes(1);

    public abstract KafkaSourceSettings kafka();

    public abstract DeadLetterSinkSettings deadLetters();

    public abstract CassandraSinkSettings cassandra();

    public abstract ValidationLimits validation();

    public abstract JobSettings job();

    /**
     * Reads the file, environment and arguments, and validates every key. Throws with all
     * problems at once, so one run shows everything to fix.
     */
    public static PipelineConfig load(String[] args, Map<String, String> environment)
            throws InvalidConfigurationException {
        return from(ConfigSources.read(args, environment));
    }

    /** Validates what {@link ConfigSources#read} collected. */
    public static PipelineConfig from(ConfigSources sources) throws InvalidConfigurationException {
        Reader reader = new Reader(sources.values(), sources.problems());
        Map<String, String> kafkaProperties = reader.properties(KAFKA_PROPERTY_PREFIX);
        String bootstrapServers = String.join(",", reader.get(KAFKA_BOOTSTRAP_SERVERS));
        KafkaSourceSettings kafka = KafkaSourceSettings.builder()
                .bootstrapServers(bootstrapServers)
                .topic(reader.get(KAFKA_TOPIC))
                .groupId(reader.get(KAFKA_GROUP_ID))
                .startingOffsets(reader.get(KAFKA_STARTING_OFFSETS))
                .partitionDiscoveryInterval(reader.get(KAFKA_PARTITION_DISCOVERY))
                .bounded(reader.get(KAFKA_BOUNDED))
                .clientProperties(kafkaProperties)
                .build();
        String jobName = reader.get(JOB_NAME);
        String deadLetterTopic = reader.get(DLQ_TOPIC);
        DeadLetterSinkSettings deadLetters = DeadLetterSinkSettings.builder()
                .bootstrapServers(bootstrapServers)
                .topic(deadLetterTopic)
                .maxRecordBytes(reader.get(DLQ_MAX_RECORD_BYTES))
                .deliveryGuarantee(reader.get(DLQ_DELIVERY_GUARANTEE))
                .transactionTimeout(reader.get(DLQ_TRANSACTION_TIMEOUT))
                .transactionalIdPrefix(reader.optional(DLQ_TRANSACTIONAL_ID_PREFIX)
                        .orElse(DeadLetterSinkSettings.transactionalIdPrefix(jobName, deadLetterTopic)))
                .clientProperties(deadLetterProperties(kafkaProperties, reader.properties(DLQ_PROPERTY_PREFIX)))
                .build();
        ImmutableCassandraSinkSettings.Builder cassandraBuilder = CassandraSinkSettings.builder();
        Duration retryInitial = reader.get(CASSANDRA_RETRY_INITIAL_BACKOFF);
        Duration retryMax = reader.get(CASSANDRA_RETRY_MAX_BACKOFF);
        if (retryMax.compareTo(retryInitial) < 0) {
            reader.problems.add(CASSANDRA_RETRY_MAX_BACKOFF.key() + "=" + retryMax + " is shorter than "
                    + CASSANDRA_RETRY_INITIAL_BACKOFF.key() + "=" + retryInitial
                    + ": make the maximum at least the initial backoff");
            retryMax = retryInitial;
        }
        reader.optional(CASSANDRA_TABLE).ifPresent(cassandraBuilder::table);
        CassandraSinkSettings cassandra = cassandraBuilder
                .contactPoints(reader.get(CASSANDRA_CONTACT_POINTS))
                .port(reader.get(CASSANDRA_PORT))
                .localDatacenter(reader.get(CASSANDRA_LOCAL_DATACENTER))
                .keyspace(reader.get(CASSANDRA_KEYSPACE))
                .tableLayout(reader.get(CASSANDRA_TABLE_LAYOUT))
                .sink(reader.get(CASSANDRA_SINK))
                .username(reader.optional(CASSANDRA_USERNAME))
                .password(reader.password())
                .ssl(reader.get(CASSANDRA_SSL))
                .tls(reader.tls())
                .consistencyLevel(reader.get(CASSANDRA_CONSISTENCY))
                .ttl(reader.optional(CASSANDRA_TTL))
                .maxConcurrentRequests(reader.get(CASSANDRA_MAX_CONCURRENT_REQUESTS))
                .writeRateLimit(reader.optional(CASSANDRA_WRITE_RATE_LIMIT))
                .batching(BatchSettings.builder()
                        .maxRows(reader.get(CASSANDRA_BATCH_MAX_ROWS))
                        .maxBytes(reader.get(CASSANDRA_BATCH_MAX_BYTES))
                        .lingerMillis(reader.get(CASSANDRA_BATCH_LINGER).toMillis())
                        .build())
                .requestTimeout(reader.get(CASSANDRA_REQUEST_TIMEOUT))
                .maxRetries(reader.get(CASSANDRA_MAX_RETRIES))
                .retryInitialBackoff(retryInitial)
                .retryMaxBackoff(retryMax)
                .build();
        ValidationLimits validation = ValidationLimits.builder()
                .maxEventTypeLength(reader.get(MAX_EVENT_TYPE_LENGTH))
                .maxMetadataEntries(reader.get(MAX_METADATA_ENTRIES))
                .maxMetadataKeyLength(reader.get(MAX_METADATA_KEY_LENGTH))
                .maxMetadataValueBytes(reader.get(MAX_METADATA_VALUE_BYTES))
                .maxRowBytes(reader.get(MAX_ROW_BYTES))
                .maxFutureSkew(reader.get(MAX_FUTURE_SKEW))
                .maxAge(reader.optional(MAX_AGE))
                .build();
        checkValidationTogether(validation, reader.problems);
        JobSettings job = JobSettings.builder()
                .name(jobName)
                .parallelism(reader.optional(JOB_PARALLELISM))
                .checkpointInterval(reader.optional(CHECKPOINT_INTERVAL))
                .restartInitialBackoff(reader.optional(RESTART_INITIAL_BACKOFF))
                .restartMaxBackoff(reader.optional(RESTART_MAX_BACKOFF))
                .watermarkOutOfOrderness(reader.get(WATERMARK_OUT_OF_ORDERNESS))
                .watermarkIdleness(reader.get(WATERMARK_IDLENESS))
                .maxPayloadBytes(reader.get(MAX_PAYLOAD_BYTES))
                .local(reader.get(LOCAL))
                .localWebUiPort(reader.get(LOCAL_WEB_UI_PORT))
                .localMetricsPort(reader.get(LOCAL_METRICS_PORT))
                .preflight(reader.get(JOB_PREFLIGHT))
                .build();
        reader.checkTogether(cassandra, job);
        reader.checkDeadLetters(deadLetters, job);
        reader.checkTls(cassandra);
        reader.warnAboutSecretArguments();
        if (!reader.problems.isEmpty()) {
            throw new InvalidConfigurationException(reader.problems);
        }
        return ImmutablePipelineConfig.builder()
                .kafka(kafka)
                .deadLetters(deadLetters)
                .cassandra(cassandra)
                .validation(validation)
                .job(job)
                .build();
    }

    /**
     * The dead-letter producer's properties: the source's kafka.property.* (so it reaches the cluster
     * with the same security settings), overridden by dlq.property.*; an empty dlq.property.X removes X.
     */
    static Map<String, String> deadLetterProperties(Map<String, String> kafka, Map<String, String> overrides) {
        Map<String, String> properties = new LinkedHashMap<>(kafka);
        overrides.forEach((name, value) -> {
            if (value.isEmpty()) {
                properties.remove(name);
            } else {
                properties.put(name, value);
            }
        });
        return properties;
    }

    /**
     * Refuses validation limits that cannot both hold: a field limit above {@code validation.max-row-bytes},
     * which no accepted row could ever reach (a character is at least one byte). A field limit close to
     * the row limit is allowed; the row limit then decides, counting the row's
     * {@link CassandraLimits#ROW_FIXED_BYTES} fixed bytes and the other fields.
     */
    private static void checkValidationTogether(ValidationLimits validation, List<String> problems) {
        int rowBytes = validation.maxRowBytes();
        checkFits(MAX_EVENT_TYPE_LENGTH, validation.maxEventTypeLength(), "an event_type of that many characters",
                rowBytes, problems);
        checkFits(MAX_METADATA_KEY_LENGTH, validation.maxMetadataKeyLength(), "a metadata key of that many characters",
                rowBytes, problems);
        checkFits(MAX_METADATA_VALUE_BYTES, validation.maxMetadataValueBytes(), "a metadata value that large",
                rowBytes, problems);
    }

    private static void checkFits(JobOption<Integer> option, int value, String field, int rowBytes,
            List<String> problems) {
        if (value > rowBytes) {
            problems.add(option.key() + "=" + value + " is more than " + MAX_ROW_BYTES.key() + "=" + rowBytes + ", so "
                    + field + " could never be in a row: lower " + option.key() + " to at most " + rowBytes
                    + " or raise " + MAX_ROW_BYTES.key() + " to at least " + value + " (a row also holds "
                    + CassandraLimits.ROW_FIXED_BYTES + " fixed bytes and the other fields)");
        }
    }

    /**
     * The problem, if any, with a dead-letter transaction timeout that is not longer than a checkpoint interval,
     * the longest restart delay and a margin to restore and complete a checkpoint: Kafka could abort a prepared
     * transaction before the restarted job commits it, losing its dead letters. {@code intervalNote} says where
     * the interval came from when not from checkpoint.interval.
     */
    public static Optional<String> transactionTimeoutProblem(Duration timeout, Duration checkpointInterval,
            String intervalNote, JobSettings job) {
        Duration maxBackoff = job.restartMaxBackoff().orElse(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF.defaultValue());
        Duration needed = checkpointInterval.plus(maxBackoff).plus(TRANSACTION_MARGIN);
        if (timeout.compareTo(needed) > 0) {
            return Optional.empty();
        }
        return Optional.of(DLQ_TRANSACTION_TIMEOUT.key() + "=" + Reader.format(timeout)
                + " is not longer than " + CHECKPOINT_INTERVAL.key() + "=" + Reader.format(checkpointInterval) + intervalNote
                + " + " + RESTART_MAX_BACKOFF.key() + "=" + Reader.format(maxBackoff)
                + (job.restartMaxBackoff().isPresent() ? "" : " (Flink's default)") + " + "
                + Reader.format(TRANSACTION_MARGIN) + " to restore and complete a checkpoint, so Kafka could abort a "
                + "transaction before the job commits it and lose its dead letters: raise "
                + DLQ_TRANSACTION_TIMEOUT.key() + " above " + Reader.format(needed) + " (within the brokers' "
                + "transaction.max.timeout.ms) or lower " + CHECKPOINT_INTERVAL.key() + " or "
                + RESTART_MAX_BACKOFF.key());
    }

    /** Parses values, recording problems and handing back defaults so parsing can go on. */
    private static final class Reader {

        private final Map<String, ConfigValue> values;
        private final List<String> problems;
        /** Keys whose values did not parse (and were reported). */
        private final Set<String> invalid = new HashSet<>();

        Reader(Map<String, ConfigValue> values, List<String> earlierProblems) {
            this.values = values;
            this.problems = new ArrayList<>(earlierProblems);
        }

        <T> T get(JobOption<T> option) {
            ConfigValue value = values.get(option.key());
            String fallback = option.defaultValue().orElseThrow();
            if (value != null) {
                try {
                    return option.parse(value.text());
                } catch (IllegalArgumentException e) {
                    report(option, value, e);
                }
            }
            return option.parse(fallback);
        }

        <T> Optional<T> optional(JobOption<T> option) {
            ConfigValue value = values.get(option.key());
            if (value == null || value.text().isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(option.parse(value.text()));
            } catch (IllegalArgumentException e) {
                report(option, value, e);
                return Optional.empty();
            }
        }

        /** The pass-through properties under {@code prefix}, without it. */
        Map<String, String> properties(String prefix) {
            Map<String, String> properties = new LinkedHashMap<>();
            values.forEach((key, value) -> {
                if (key.startsWith(prefix)) {
                    properties.put(key.substring(prefix.length()), value.text());
                }
            });
            return properties;
        }

        /** cassandra.password or the content of cassandra.password-file, never both. */
        Optional<String> password() {
            Optional<String> password = optional(CASSANDRA_PASSWORD);
            Optional<String> fromFile = optional(CASSANDRA_PASSWORD_FILE);
            if (values.containsKey(CASSANDRA_PASSWORD.key()) && values.containsKey(CASSANDRA_PASSWORD_FILE.key())) {
                problems.add(CASSANDRA_PASSWORD.key() + " (from " + values.get(CASSANDRA_PASSWORD.key()).origin()
                        + ") and " + CASSANDRA_PASSWORD_FILE.key() + " (from "
                        + values.get(CASSANDRA_PASSWORD_FILE.key()).origin() + ") are both set: keep one");
                return Optional.empty();
            }
            return password.or(() -> fromFile);
        }

        CassandraTlsSettings tls() {
            return CassandraTlsSettings.builder()
                    .truststorePath(optional(CASSANDRA_SSL_TRUSTSTORE_PATH))
                    .truststorePassword(optional(CASSANDRA_SSL_TRUSTSTORE_PASSWORD))
                    .truststoreType(get(CASSANDRA_SSL_TRUSTSTORE_TYPE))
                    .keystorePath(optional(CASSANDRA_SSL_KEYSTORE_PATH))
                    .keystorePassword(optional(CASSANDRA_SSL_KEYSTORE_PASSWORD))
                    .keystoreType(get(CASSANDRA_SSL_KEYSTORE_TYPE))
                    .hostnameVerification(get(CASSANDRA_SSL_HOSTNAME_VERIFICATION))
                    .build();
        }

        /**
         * With cassandra.ssl=false every cassandra.ssl.* set is refused (it would silently mean
         * nothing); with TLS on, the stores are opened now, so a wrong path or password stops the
         * start instead of every TaskManager's connection.
         */
        void checkTls(CassandraSinkSettings cassandra) {
            if (!cassandra.ssl()) {
                for (JobOption<?> option : CASSANDRA_SSL_OPTIONS) {
                    ConfigValue value = values.get(option.key());
                    if (value != null && !invalid.contains(option.key())) { // one problem per key
                        problems.add(option.key() + " is set (from " + value.origin() + ") but " + CASSANDRA_SSL.key()
                                + " is false: set " + CASSANDRA_SSL.key() + "=true to use it, or remove "
                                + option.key());
                    }
                }
                return;
            }
            typeNeedsPath(CASSANDRA_SSL_TRUSTSTORE_TYPE, CASSANDRA_SSL_TRUSTSTORE_PATH);
            typeNeedsPath(CASSANDRA_SSL_KEYSTORE_TYPE, CASSANDRA_SSL_KEYSTORE_PATH);
            if (CASSANDRA_SSL_OPTIONS.stream().noneMatch(option -> invalid.contains(option.key()))) {
                problems.addAll(CassandraTls.problems(cassandra.tls()));
            }
        }

        private void typeNeedsPath(JobOption<String> type, JobOption<String> path) {
            if (values.containsKey(type.key()) && !values.containsKey(path.key())) {
                problems.add(type.key() + " is set but " + path.key() + " is not: set the store's path, or remove "
                        + type.key());
            }
        }

        /** Secrets given as arguments are visible to every user of the machine (ps, /proc): say so. */
        void warnAboutSecretArguments() {
            values.forEach((key, value) -> {
                if (value.origin().startsWith("--") && Secrets.isSecretKey(key)) {
                    LOG.warn("{} was given on the command line, where other users of this machine can see it: set it "
                            + "in the --config file or the environment instead", key);
                }
            });
        }

        void checkTogether(CassandraSinkSettings cassandra, JobSettings job) {
            if (cassandra.password().isPresent() && cassandra.username().isEmpty()) {
                String passwordKey = values.containsKey(CASSANDRA_PASSWORD.key()) ? CASSANDRA_PASSWORD.key()
                        : CASSANDRA_PASSWORD_FILE.key();
                problems.add(passwordKey + " is set but " + CASSANDRA_USERNAME.key()
                        + " is not: set both for password authentication, or neither");
            }
            if (job.setsRestartStrategy()) {
                // The one not set takes Flink's default, as the strategy will.
                Duration initial = job.restartInitialBackoff().orElse(
                        RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF.defaultValue());
                Duration max = job.restartMaxBackoff().orElse(
                        RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF.defaultValue());
                if (max.compareTo(initial) < 0) {
                    problems.add(RESTART_MAX_BACKOFF.key() + "=" + max + (job.restartMaxBackoff().isEmpty() ? " (Flink's default)" : "")
                            + " is shorter than " + RESTART_INITIAL_BACKOFF.key() + "=" + initial
                            + (job.restartInitialBackoff().isEmpty() ? " (Flink's default)" : "")
                            + ": make the maximum at least the initial backoff");
                }
            }
        }

        /**
         * The transaction settings mean something only with exactly-once, and then must outlast a
         * checkpoint and a restart; producer properties that would break transactions are refused
         * rather than silently replaced.
         */
        void checkDeadLetters(DeadLetterSinkSettings deadLetters, JobSettings job) {
            if (deadLetters.deliveryGuarantee() != DeadLetterGuarantee.EXACTLY_ONCE) {
                for (JobOption<?> option : List.of(DLQ_TRANSACTION_TIMEOUT, DLQ_TRANSACTIONAL_ID_PREFIX)) {
                    ConfigValue value = values.get(option.key());
                    if (value != null && !invalid.contains(option.key())) {
                        problems.add(option.key() + " is set (from " + value.origin() + ") but " + DLQ_DELIVERY_GUARANTEE.key()
                                + " is " + deadLetters.deliveryGuarantee().optionValue() + ": set "
                                + DLQ_DELIVERY_GUARANTEE.key() + "=exactly-once to use it, or remove " + option.key());
                    }
                }
                return;
            }
            if (!invalid.contains(DLQ_TRANSACTION_TIMEOUT.key())) {
                // The interval the job will use when neither it nor the cluster sets one; a cluster's own is
                // checked again when the job is built (UserEventPipeline.buildOn), where it is known.
                transactionTimeoutProblem(deadLetters.transactionTimeout(),
                        job.checkpointInterval().orElse(JobSettings.DEFAULT_CHECKPOINT_INTERVAL),
                        job.checkpointInterval().isPresent() ? "" : " (default)", job)
                        .ifPresent(problems::add);
            }
            deadLetterProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)
                    .filter(key -> values.get(key).text().trim().equalsIgnoreCase("false"))
                    .ifPresent(key -> problems.add(key + "=false (from " + values.get(key).origin() + ") but "
                            + DLQ_DELIVERY_GUARANTEE.key() + "=exactly-once needs an idempotent producer: remove " + key));
            deadLetterProperty(ProducerConfig.ACKS_CONFIG)
                    .filter(key -> !List.of("all", "-1").contains(values.get(key).text().trim().toLowerCase(java.util.Locale.ROOT)))
                    .ifPresent(key -> problems.add(key + "=" + values.get(key).text() + " (from " + values.get(key).origin()
                            + ") but " + DLQ_DELIVERY_GUARANTEE.key() + "=exactly-once needs acks=all: remove " + key));
            deadLetterProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG)
                    .ifPresent(key -> problems.add(key + " is set (from " + values.get(key).origin() + ") but the "
                            + "dead-letter sink names its transactions itself, one per subtask and checkpoint: remove "
                            + key + " and set " + DLQ_TRANSACTIONAL_ID_PREFIX.key() + " if the default <job.name>-<dlq.topic> "
                            + "is not unique"));
            deadLetterProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG)
                    .ifPresent(key -> problems.add(key + " is set (from " + values.get(key).origin() + ") but "
                            + DLQ_TRANSACTION_TIMEOUT.key() + " sets the dead-letter producer's transaction timeout: "
                            + "remove " + key + " and set " + DLQ_TRANSACTION_TIMEOUT.key()));
        }

        /** The key (dlq.property.X, else kafka.property.X) whose value the dead-letter producer uses for X, if any. */
        private Optional<String> deadLetterProperty(String name) {
            ConfigValue own = values.get(DLQ_PROPERTY_PREFIX + name);
            if (own != null) {
                return own.text().isEmpty() ? Optional.empty() : Optional.of(DLQ_PROPERTY_PREFIX + name);
            }
            return values.containsKey(KAFKA_PROPERTY_PREFIX + name) ? Optional.of(KAFKA_PROPERTY_PREFIX + name)
                    : Optional.empty();
        }

        private static String format(Duration duration) {
            return TimeUtils.formatWithHighestUnit(duration);
        }

        private void report(JobOption<?> option, ConfigValue value, IllegalArgumentException e) {
            invalid.add(option.key());
            String shown = option.isSecret() ? Secrets.REDACTED : value.text();
            problems.add(option.key() + "='" + shown + "' (from " + value.origin() + ") " + e.getMessage()
                    + "; default: " + option.defaultValue().orElse("unset"));
        }
    }
}
