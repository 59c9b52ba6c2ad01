package dev.eventpipeline.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventpipeline.connectors.cassandra.CassandraSinkKind;
import dev.eventpipeline.connectors.deadletter.DeadLetterGuarantee;
import dev.eventpipeline.connectors.deadletter.DeadLetterSinkSettings;
import dev.eventpipeline.connectors.kafka.StartingOffsets;
import dev.eventpipeline.job.ConnectorSinks;
import dev.eventpipeline.transform.CassandraLimits;
import dev.eventpipeline.transform.ValidationLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PipelineConfigTest {

    private static PipelineConfig load(String... args) throws InvalidConfigurationException {
        return PipelineConfig.load(args, Map.of());
    }

    private static List<String> problemsOf(Map<String, String> environment, String... args) {
        try {
            PipelineConfig.load(args, environment);
        } catch (InvalidConfigurationException e) {
            return e.problems();
        }
        throw new AssertionError("expected the configuration to be refused");
    }

    @Test
    void defaultsMatchTheLocalStack() throws Exception {
        PipelineConfig config = load();

        assertThat(config.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.kafka().topic()).isEqualTo("user-events");
        assertThat(config.kafka().startingOffsets()).isEqualTo(StartingOffsets.COMMITTED);
        assertThat(config.deadLetters().topic()).isEqualTo("user-events-dlq");
        assertThat(config.cassandra().contactPoints()).containsExactly("127.0.0.1");
        assertThat(config.cassandra().consistencyLevel()).isEqualTo("LOCAL_QUORUM");
        assertThat(config.cassandra().maxConcurrentRequests()).isBetween(1, 1024);
        assertThat(config.cassandra().ttl()).isEmpty();
        assertThat(config.cassandra().batching().maxRows()).isEqualTo(64);
        assertThat(config.cassandra().batching().lingerMillis()).isEqualTo(200);
        assertThat(config.job().checkpointInterval()).as("unset: the cluster's, else 10 s").isEmpty();
        assertThat(config.job().setsRestartStrategy()).as("unset: the cluster's").isFalse();
        assertThat(config.job().watermarkOutOfOrderness()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.job().parallelism()).isEmpty();
        assertThat(config.validation().maxEventTypeLength()).isEqualTo(64);
    }

    @Test
    void argumentsOverrideEnvironmentWhichOverridesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("job.properties");
        Files.writeString(file, "kafka.topic=from-file\ndlq.topic=dlq-from-file\ncassandra.port=9000\n");
        Map<String, String> environment = Map.of(
                "EVENT_PIPELINE_CONFIG", file.toString(),
                "EVENT_PIPELINE_KAFKA_TOPIC", "from-env",
                "EVENT_PIPELINE_CASSANDRA_PORT", "9100",
                "PATH", "/usr/bin");

        PipelineConfig config = PipelineConfig.load(new String[] {"--cassandra.port", "9200"}, environment);

        assertThat(config.deadLetters().topic()).isEqualTo("dlq-from-file");
        assertThat(config.kafka().topic()).isEqualTo("from-env");
        assertThat(config.cassandra().port()).isEqualTo(9200);
    }

    @Test
    void acceptsKeyEqualsValueFlagsAndKafkaPassThrough() throws Exception {
        PipelineConfig config = PipelineConfig.load(new String[] {
            "--local", "--job.parallelism=2", "--kafka.property.security.protocol", "SSL",
            "--cassandra.ttl", "90 d", "--kafka.starting-offsets", "timestamp:1764065730123"},
                Map.of("EVENT_PIPELINE_KAFKA_PROPERTY_SASL_MECHANISM", "PLAIN"));

        assertThat(config.job().local()).isTrue();
        assertThat(config.job().parallelism()).contains(2);
        assertThat(config.kafka().clientProperties())
                .containsEntry("security.protocol", "SSL")
                .containsEntry("sasl.mechanism", "PLAIN");
        assertThat(config.deadLetters().clientProperties()).containsEntry("security.protocol", "SSL");
        assertThat(config.cassandra().ttl()).contains(Duration.ofDays(90));
        assertThat(config.kafka().startingOffsets()).isEqualTo(StartingOffsets.timestamp(1764065730123L));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "kafka.bootstrap-servers|a:1,,b:2|comma-separated list",
        "kafka.topic|' '|must not be empty",
        "kafka.group-id|' '|must not be empty",
        "kafka.starting-offsets|yesterday|committed, earliest, latest or timestamp:<epoch-millis>",
        "kafka.partition-discovery-interval|often|duration such as",
        "kafka.bounded|maybe|true or false",
        "dlq.topic|' '|must not be empty",
        "dlq.max-record-bytes|100|from 10000 to",
        "dlq.delivery-guarantee|exactly-twice|must be one of at-least-once, exactly-once",
        "dlq.transaction-timeout|500 ms|from 1 s to 24 d",
        "dlq.transaction-timeout|25 d|from 1 s to 24 d",
        "dlq.transactional-id-prefix|' '|must not be empty",
        "cassandra.contact-points|,|comma-separated list",
        "cassandra.port|70000|from 1 to 65535",
        "cassandra.local-datacenter|' '|must not be empty",
        "cassandra.keyspace|Event-Streaming|lower-case CQL identifier",
        "cassandra.table|user events|lower-case CQL identifier",
        "cassandra.username|' '|must not be empty",
        "cassandra.ssl|sometimes|true or false",
        "cassandra.password-file|/nonexistent/password|is not a file",
        "cassandra.ssl.truststore.path|' '|must not be empty",
        "cassandra.ssl.truststore.type|' '|must not be empty",
        "cassandra.ssl.keystore.path|' '|must not be empty",
        "cassandra.ssl.keystore.type|' '|must not be empty",
        "cassandra.ssl.hostname-verification|maybe|true or false",
        "cassandra.consistency|MOST|must be one of",
        "cassandra.ttl|0 s|longer than zero",
        "cassandra.max-concurrent-requests|5000|from 1 to 1024",
        "cassandra.write-rate-limit|0|positive number",
        "cassandra.sink|nope|must be one of sink-v2, connector",
        "cassandra.write-rate-limit|fast|positive number",
        "cassandra.batch.max-rows|0|from 1 to 1024",
        "cassandra.batch.max-bytes|1000|from 1024 to 8388608",
        "cassandra.batch.linger|later|duration such as",
        "cassandra.request-timeout|soon|duration such as",
        "cassandra.max-retries|-1|from 0 to 100",
        "cassandra.ttl|500 ms|whole seconds",
        "cassandra.ttl|1500 ms|whole seconds",
        "cassandra.ttl|630720001 s|at most 630720000 s",
        "cassandra.ttl|7301 d|at most 630720000 s",
        "cassandra.retry.initial-backoff|0 ms|from 1 ms to 10 min",
        "cassandra.retry.max-backoff|11 min|from 1 ms to 10 min",
        "cassandra.table-layout|wide|must be one of seed, event-id",
        "cassandra.request-timeout|30 d|from 1 ms to 10 min",
        "checkpoint.interval|5 ms|from 10 ms to 365 d",
        "validation.max-payload-bytes|10|from 64 to",
        "validation.max-event-type-length|0|from 1 to 21845",
        "validation.max-metadata-entries|lots|whole number",
        "validation.max-metadata-key-length|0|from 1 to",
        "validation.max-metadata-value-bytes|0|from 1 to",
        "validation.max-row-bytes|1023|from 1024 to 8388608",
        "validation.max-future-skew|1 fortnight|duration such as",
        "validation.max-age|0 ms|longer than zero",
        "job.name|' '|must not be empty",
        "job.parallelism|0|from 1 to 1024",
        "checkpoint.interval|0 s|from 10 ms to 365 d",
        "restart.initial-backoff|x|duration such as",
        "restart.max-backoff|x|duration such as",
        "watermark.out-of-orderness|x|duration such as",
        "watermark.idleness|0 s|longer than zero",
        "local|perhaps|true or false",
        "job.preflight|sometimes|true or false",
        "local.web-ui-port|-1|from 0 to 65535",
        "local.metrics-port|65536|from 0 to 65535",
    })
    void everyOptionNamesKeyValueAndFix(String key, String value, String reason) {
        List<String> problems = problemsOf(Map.of(), "--" + key, value);

        assertThat(problems).singleElement().asString()
                .startsWith(key + "='" + value + "' (from --" + key + ")")
                .contains(reason)
                .contains("default: ");
    }

    @Test
    void everyOptionIsCoveredByTheValidationTest() throws Exception {
        // This file: under src/ in event-job, under ../src/ in event-job-flink2, which compiles the same tests.
        Path own = Path.of("src/test/java/dev/eventpipeline/job/config/PipelineConfigTest.java");
        String source = Files.readString(Files.exists(own) ? own : Path.of("..").resolve(own));
        for (JobOption<?> option : JobOptions.ALL) {
            if (!option.isSecret()) { // any text is a valid password
                assertThat(source).as(option.key()).contains("\"" + option.key() + "|");
            }
        }
    }

    @Test
    void reportsEveryProblemAtOnce() {
        List<String> problems = problemsOf(Map.of("EVENT_PIPELINE_KAFKA_TOPIK", "x"),
                "--cassandra.port", "x", "--job.parallelism", "0", "--kafka.topik", "events", "stray");

        assertThat(problems).hasSize(5);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("unknown key 'kafka.topik'", "did you mean kafka.topic?"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("EVENT_PIPELINE_KAFKA_TOPIK", "EVENT_PIPELINE_KAFKA_TOPIC"));
        // A stray argument is named by position: it may be a password whose key was mistyped.
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("argument 7 is not an option").doesNotContain("stray"));
    }

    @Test
    void missingValueAndUnreadableFileAreNamed() {
        assertThat(problemsOf(Map.of(), "--kafka.topic")).singleElement().asString()
                .contains("--kafka.topic needs a value");
        assertThat(problemsOf(Map.of(), "--config", "/nonexistent/job.properties")).singleElement().asString()
                .contains("config file '/nonexistent/job.properties'", "cannot be read");
    }

    @Test
    void passwordNeedsAUserNameAndIsNeverEchoed() {
        assertThat(problemsOf(Map.of("EVENT_PIPELINE_CASSANDRA_PASSWORD", "s3cret")))
                .singleElement().asString().contains("cassandra.password is set but cassandra.username is not")
                .doesNotContain("s3cret");
    }

    @Test
    void restartBackoffsMustBeOrdered() {
        assertThat(problemsOf(Map.of(), "--restart.initial-backoff", "1 min", "--restart.max-backoff", "1 s"))
                .singleElement().asString().contains("restart.max-backoff", "at least the initial backoff");
    }

    @Test
    void aRestartBackoffAloneIsOrderedAgainstFlinksDefaultForTheOther() {
        assertThat(problemsOf(Map.of(), "--restart.max-backoff", "500 ms"))
                .singleElement().asString().contains("restart.max-backoff=PT0.5S is shorter than "
                        + "restart.initial-backoff=PT1S (Flink's default)");
    }

    @ParameterizedTest(name = "{0}: {1} accepted, {2} refused")
    @CsvSource(delimiter = '|', value = {
        "validation.max-event-type-length|21845|21846",
        "validation.max-metadata-entries|10000|10001",
        "validation.max-metadata-key-length|8388563|8388564",
        "validation.max-metadata-value-bytes|8388563|8388564",
        "validation.max-row-bytes|8388608|8388609",
    })
    void validationSizesAreBoundedByWhatCassandraAccepts(String key, String largest, String firstRefused) throws Exception {
        // The widest row, so that each largest field limit fits in it.
        List<String> widestRow = key.equals("validation.max-row-bytes") ? List.of()
                : List.of("--validation.max-row-bytes", "8388608");
        List<String> inside = new java.util.ArrayList<>(widestRow);
        inside.addAll(List.of("--" + key, largest));
        List<String> outside = new java.util.ArrayList<>(widestRow);
        outside.addAll(List.of("--" + key, firstRefused));

        assertThat(load(inside.toArray(String[]::new)).validation()).isNotNull();
        assertThat(problemsOf(Map.of(), outside.toArray(String[]::new))).singleElement().asString()
                .startsWith(key + "='" + firstRefused + "'").contains("to " + largest);
    }

    @Test
    void theSmallestRowLimitIsOneKibibyte() throws Exception {
        assertThat(load("--validation.max-row-bytes", "1024", "--validation.max-metadata-value-bytes", "1024")
                .validation().maxRowBytes()).isEqualTo(1024);
        assertThat(problemsOf(Map.of(), "--validation.max-row-bytes", "1023", "--validation.max-metadata-value-bytes",
                "1024")).singleElement().asString().startsWith("validation.max-row-bytes='1023'").contains("from 1024 to");
    }

    @Test
    void theWidestValidationOptionsAreCassandrasLimits() throws Exception {
        ValidationLimits widest = load("--validation.max-event-type-length", "21845",
                "--validation.max-metadata-entries", "10000", "--validation.max-metadata-key-length", "8388563",
                "--validation.max-metadata-value-bytes", "8388563", "--validation.max-row-bytes", "8388608").validation();

        // An event_type of 21,845 chars is at most 65,535 UTF-8 bytes: a clustering key component.
        assertThat(widest.maxEventTypeLength()).isEqualTo(CassandraLimits.MAX_EVENT_TYPE_LENGTH_LIMIT);
        assertThat(3L * widest.maxEventTypeLength()).isLessThanOrEqualTo(CassandraLimits.MAX_KEY_COMPONENT_BYTES);
        // A row is at most half of Cassandra's default mutation limit, and a key or value fits in such a row.
        assertThat(widest.maxRowBytes()).isEqualTo(CassandraLimits.MAX_ROW_BYTES_LIMIT)
                .isEqualTo(CassandraLimits.DEFAULT_MAX_MUTATION_BYTES / 2);
        assertThat(widest.maxMetadataKeyLength()).isEqualTo(CassandraLimits.MAX_METADATA_FIELD_BYTES_LIMIT);
        assertThat(widest.maxMetadataValueBytes()).isEqualTo(CassandraLimits.MAX_METADATA_FIELD_BYTES_LIMIT)
                .isEqualTo(widest.maxRowBytes() - CassandraLimits.ROW_FIXED_BYTES - 1);
        // CassandraLimitsTest (event-transform) proves these maxima against each limit; it assumes 10,000 entries.
        assertThat(widest.maxMetadataEntries()).isEqualTo(10_000);
        assertThat(load().validation().maxRowBytes()).isEqualTo(1_048_576);
    }

    @Test
    void validationLimitsThatCannotBothHoldAreRefusedNamingBothKeysAndTheFix() throws Exception {
        // The default metadata value limit (4,096) above the row limit: no such value could ever be stored.
        assertThat(problemsOf(Map.of(), "--validation.max-row-bytes", "4095")).singleElement().asString()
                .contains("validation.max-metadata-value-bytes=4096 is more than validation.max-row-bytes=4095",
                        "lower validation.max-metadata-value-bytes to at most 4095",
                        "raise validation.max-row-bytes to at least 4096");
        assertThat(load("--validation.max-row-bytes", "4096").validation().maxRowBytes()).isEqualTo(4096);

        String[] smallRow = {"--validation.max-row-bytes", "2048", "--validation.max-metadata-value-bytes", "1000"};
        assertThat(problemsOf(Map.of(), concat(smallRow, "--validation.max-metadata-key-length", "2049")))
                .singleElement().asString()
                .contains("validation.max-metadata-key-length=2049 is more than validation.max-row-bytes=2048",
                        "lower validation.max-metadata-key-length to at most 2048",
                        "raise validation.max-row-bytes to at least 2049");
        assertThat(load(concat(smallRow, "--validation.max-metadata-key-length", "2048")).validation()
                .maxMetadataKeyLength()).isEqualTo(2048);

        assertThat(problemsOf(Map.of(), concat(smallRow, "--validation.max-event-type-length", "2049")))
                .singleElement().asString()
                .contains("validation.max-event-type-length=2049 is more than validation.max-row-bytes=2048",
                        "lower validation.max-event-type-length to at most 2048",
                        "raise validation.max-row-bytes to at least 2049");
        assertThat(load(concat(smallRow, "--validation.max-event-type-length", "2048")).validation()
                .maxEventTypeLength()).isEqualTo(2048);

        // Every problem at once.
        assertThat(problemsOf(Map.of(), "--validation.max-row-bytes", "1024", "--validation.max-metadata-key-length",
                "1025", "--validation.max-event-type-length", "1025")).hasSize(3);
    }

    private static String[] concat(String[] first, String... more) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(first), java.util.Arrays.stream(more))
                .toArray(String[]::new);
    }

    @Test
    void helpListsEveryKeyWithDefaultAndEnvironmentVariable() {
        String help = HelpText.render("event-job");

        for (JobOption<?> option : JobOptions.ALL) {
            assertThat(help).contains("--" + option.key(), option.environmentVariable());
        }
        assertThat(help).contains("default: 127.0.0.1:9092", "default: unset");
        assertThat(ConfigSources.read(new String[] {"--help"}, Map.of()).helpRequested()).isTrue();
    }

    @Test
    void optionalValuesMayBeLeftEmpty() throws Exception {
        assertThat(load("--cassandra.ttl", "").cassandra().ttl()).isEqualTo(Optional.empty());
        assertThat(load("--cassandra.write-rate-limit", "").cassandra().writeRateLimit()).isEmpty();
    }

    @Test
    void theSinkIsSinkV2UnlessTheConnectorIsAskedForWhereTheFlinkLineHasIt() throws Exception {
        assertThat(load().cassandra().sink()).isEqualTo(CassandraSinkKind.SINK_V2);
        if (ConnectorSinks.unavailable().isEmpty()) { // Flink 1.20
            assertThat(load("--cassandra.sink", "connector").cassandra().sink()).isEqualTo(CassandraSinkKind.CONNECTOR);
        } else { // Flink 2: refused at start, naming why and the fix
            assertThat(problemsOf(Map.of(), "--cassandra.sink", "connector")).singleElement().asString()
                    .startsWith("cassandra.sink='connector'").contains("SinkFunction", "cassandra.sink=sink-v2");
        }
    }

    @Test
    void theWriteRateLimitIsRowsPerSecondPerSubtaskAndOffByDefault() throws Exception {
        assertThat(load().cassandra().writeRateLimit()).isEmpty();
        assertThat(load("--cassandra.write-rate-limit", "2500.5").cassandra().writeRateLimit()).contains(2500.5);
    }

    @Test
    void unknownKeysInTheFileAreRefusedToo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("job.properties");
        Files.writeString(file, "cassandra.keyspcae=event_streaming\n");

        assertThat(problemsOf(Map.of(), "--config", file.toString())).singleElement().asString()
                .contains("unknown key 'cassandra.keyspcae'", "job.properties", "did you mean cassandra.keyspace?");
    }

    @Test
    void invalidConfigurationIsRefusedWithAHeadline() {
        assertThatThrownBy(() -> load("--cassandra.port", "x"))
                .hasMessageStartingWith("Invalid configuration (1 problem; --help lists every key)");
    }

    @Test
    void theLongestTtlCassandraTakesIsAcceptedAsWholeSeconds() throws Exception {
        assertThat(load("--cassandra.ttl", "7300 d").cassandra().ttl()).contains(java.time.Duration.ofSeconds(630_720_000L));
        assertThat(load("--cassandra.ttl", "1 s").cassandra().ttl()).contains(java.time.Duration.ofSeconds(1));
    }

    @Test
    void aRetryCeilingBelowTheFirstBackoffIsRefusedNamingBothKeys() {
        assertThat(problemsOf(Map.of(), "--cassandra.retry.initial-backoff", "2 s", "--cassandra.retry.max-backoff", "1 s"))
                .singleElement().asString()
                .contains("cassandra.retry.max-backoff", "cassandra.retry.initial-backoff", "at least");
    }

    @Test
    void deadLettersAreAtLeastOnceUnlessExactlyOnceIsAsked() throws Exception {
        assertThat(load().deadLetters().deliveryGuarantee()).isEqualTo(DeadLetterGuarantee.AT_LEAST_ONCE);

        DeadLetterSinkSettings exactlyOnce = load("--dlq.delivery-guarantee", "exactly-once", "--job.name", "orders",
                "--dlq.topic", "orders-dlq").deadLetters();

        assertThat(exactlyOnce.deliveryGuarantee()).isEqualTo(DeadLetterGuarantee.EXACTLY_ONCE);
        assertThat(exactlyOnce.transactionTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(exactlyOnce.transactionalIdPrefix()).as("unique per job: its name and dead-letter topic")
                .isEqualTo("orders-orders-dlq");
        assertThat(load("--dlq.delivery-guarantee", "EXACTLY-ONCE", "--dlq.transactional-id-prefix", "orders-eu",
                "--dlq.transaction-timeout", "5 min").deadLetters())
                .satisfies(settings -> assertThat(settings.transactionalIdPrefix()).isEqualTo("orders-eu"))
                .satisfies(settings -> assertThat(settings.transactionTimeout()).isEqualTo(Duration.ofMinutes(5)));
    }

    @Test
    void transactionSettingsWithoutExactlyOnceAreRefused() {
        assertThat(problemsOf(Map.of("EVENT_PIPELINE_DLQ_TRANSACTIONAL_ID_PREFIX", "orders"),
                "--dlq.transaction-timeout", "5 min"))
                .containsExactlyInAnyOrder(
                        "dlq.transaction-timeout is set (from --dlq.transaction-timeout) but dlq.delivery-guarantee is "
                                + "at-least-once: set dlq.delivery-guarantee=exactly-once to use it, or remove "
                                + "dlq.transaction-timeout",
                        "dlq.transactional-id-prefix is set (from EVENT_PIPELINE_DLQ_TRANSACTIONAL_ID_PREFIX) "
                                + "but dlq.delivery-guarantee is at-least-once: set dlq.delivery-guarantee=exactly-once to "
                                + "use it, or remove dlq.transactional-id-prefix");
    }

    @Test
    void theTransactionTimeoutMustOutlastACheckpointAndARestart() throws Exception {
        // 10 s + 1 min + 1 min margin = 2 min 10 s with the defaults.
        assertThat(problemsOf(Map.of(), "--dlq.delivery-guarantee", "exactly-once", "--dlq.transaction-timeout", "130 s"))
                .singleElement().asString()
                .isEqualTo("dlq.transaction-timeout=130 s is not longer than checkpoint.interval=10 s (default) + "
                        + "restart.max-backoff=1 min (Flink's default) + 1 min to restore and complete a checkpoint, so Kafka could abort a "
                        + "transaction before the job commits it and lose its dead letters: raise dlq.transaction-timeout "
                        + "above 130 s (within the brokers' transaction.max.timeout.ms) or lower checkpoint.interval or "
                        + "restart.max-backoff");
        assertThat(load("--dlq.delivery-guarantee", "exactly-once", "--dlq.transaction-timeout", "131 s").deadLetters()
                .transactionTimeout()).isEqualTo(Duration.ofSeconds(131));
        assertThat(problemsOf(Map.of(), "--dlq.delivery-guarantee", "exactly-once", "--checkpoint.interval", "14 min"))
                .singleElement().asString().startsWith("dlq.transaction-timeout=15 min is not longer than "
                        + "checkpoint.interval=14 min + restart.max-backoff=1 min (Flink's default) + 1 min");
    }

    @Test
    void producerPropertiesThatBreakTransactionsAreRefusedNamingTheirKeys() {
        List<String> problems = problemsOf(Map.of("EVENT_PIPELINE_KAFKA_PROPERTY_ACKS", "1"),
                "--dlq.delivery-guarantee", "exactly-once",
                "--dlq.property.enable.idempotence", "false",
                "--kafka.property.transactional.id", "mine",
                "--dlq.property.transaction.timeout.ms", "60000");

        assertThat(problems).containsExactly(
                "dlq.property.enable.idempotence=false (from --dlq.property.enable.idempotence) but "
                        + "dlq.delivery-guarantee=exactly-once needs an idempotent producer: remove "
                        + "dlq.property.enable.idempotence",
                "kafka.property.acks=1 (from EVENT_PIPELINE_KAFKA_PROPERTY_ACKS) but "
                        + "dlq.delivery-guarantee=exactly-once needs acks=all: remove kafka.property.acks",
                "kafka.property.transactional.id is set (from --kafka.property.transactional.id) but the dead-letter "
                        + "sink names its transactions itself, one per subtask and checkpoint: remove "
                        + "kafka.property.transactional.id and set dlq.transactional-id-prefix if the default "
                        + "<job.name>-<dlq.topic> is not unique",
                "dlq.property.transaction.timeout.ms is set (from --dlq.property.transaction.timeout.ms) but "
                        + "dlq.transaction-timeout sets the dead-letter producer's transaction timeout: remove "
                        + "dlq.property.transaction.timeout.ms and set dlq.transaction-timeout");
    }

    @Test
    void whatTransactionsNeedMayBeSaidOrRemovedFromTheDeadLetterProducer() throws Exception {
        // acks=-1 is acks=all; an empty dlq.property.X removes the source's kafka.property.X from the producer.
        assertThat(load("--dlq.delivery-guarantee", "exactly-once", "--kafka.property.acks", "1",
                "--dlq.property.acks", "-1", "--dlq.property.enable.idempotence", "true",
                "--kafka.property.transaction.timeout.ms", "60000", "--dlq.property.transaction.timeout.ms", "")
                .deadLetters().clientProperties())
                .containsEntry("acks", "-1")
                .doesNotContainKey("transaction.timeout.ms");
        // With at-least-once the producer may be tuned freely, as before.
        assertThat(load("--dlq.property.acks", "1", "--dlq.property.enable.idempotence", "false").deadLetters()
                .clientProperties()).containsEntry("acks", "1");
    }

    @Test
    void theLayoutChoosesTheTableUnlessTheTableIsSet() throws Exception {
        assertThat(load().cassandra().table()).isEqualTo("user_events");
        assertThat(load("--cassandra.table-layout", "event-id").cassandra().table()).isEqualTo("user_events_by_event_id");
        assertThat(load("--cassandra.table-layout", "event-id", "--cassandra.table", "mine").cassandra().table())
                .isEqualTo("mine");
    }
}
