package dev.eventpipeline.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventpipeline.connectors.kafka.StartingOffsets;
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
        assertThat(config.job().checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
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
        "cassandra.contact-points|,|comma-separated list",
        "cassandra.port|70000|from 1 to 65535",
        "cassandra.local-datacenter|' '|must not be empty",
        "cassandra.keyspace|Event-Streaming|lower-case CQL identifier",
        "cassandra.table|user events|lower-case CQL identifier",
        "cassandra.username|' '|must not be empty",
        "cassandra.ssl|sometimes|true or false",
        "cassandra.consistency|MOST|must be one of",
        "cassandra.ttl|0 s|longer than zero",
        "cassandra.max-concurrent-requests|5000|from 1 to 1024",
        "cassandra.batch.max-rows|0|from 1 to 1024",
        "cassandra.batch.linger|later|duration such as",
        "cassandra.request-timeout|soon|duration such as",
        "cassandra.max-retries|-1|from 0 to 100",
        "validation.max-payload-bytes|10|from 64 to",
        "validation.max-event-type-length|0|from 1 to 1024",
        "validation.max-metadata-entries|lots|whole number",
        "validation.max-metadata-key-length|0|from 1 to",
        "validation.max-metadata-value-bytes|0|from 1 to",
        "validation.max-future-skew|1 fortnight|duration such as",
        "validation.max-age|0 ms|longer than zero",
        "job.name|' '|must not be empty",
        "job.parallelism|0|from 1 to 1024",
        "checkpoint.interval|0 s|longer than zero",
        "restart.initial-backoff|x|duration such as",
        "restart.max-backoff|x|duration such as",
        "watermark.out-of-orderness|x|duration such as",
        "watermark.idleness|0 s|longer than zero",
        "local|perhaps|true or false",
        "local.web-ui-port|-1|from 0 to 65535",
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
        String source = Files.readString(Path.of("src/test/java/dev/eventpipeline/job/config/PipelineConfigTest.java"));
        for (ConfigOption<?> option : PipelineOptions.ALL) {
            if (option != PipelineOptions.CASSANDRA_PASSWORD) { // any text is a valid password
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
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("argument 'stray' is not an option"));
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
    void helpListsEveryKeyWithDefaultAndEnvironmentVariable() {
        String help = HelpText.render("event-job");

        for (ConfigOption<?> option : PipelineOptions.ALL) {
            assertThat(help).contains("--" + option.key(), option.environmentVariable());
        }
        assertThat(help).contains("default: 127.0.0.1:9092", "default: unset");
        assertThat(ConfigSources.read(new String[] {"--help"}, Map.of()).helpRequested()).isTrue();
    }

    @Test
    void optionalValuesMayBeLeftEmpty() throws Exception {
        assertThat(load("--cassandra.ttl", "").cassandra().ttl()).isEqualTo(Optional.empty());
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
}
