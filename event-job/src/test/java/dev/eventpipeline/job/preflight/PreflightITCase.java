package dev.eventpipeline.job.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.cassandra.CassandraSchema;
import dev.eventpipeline.infra.process.Ports;
import dev.eventpipeline.job.EventPipelineJob;
import dev.eventpipeline.job.testing.TestPipelines;
import dev.eventpipeline.model.TableLayout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The start-up checks against a real Kafka broker and Cassandra node: what {@link EventPipelineJob#prepare}
 * (all of main but building and submitting the job) prints and returns for each kind of setup the job
 * cannot work with, and that the local stack as infra creates it passes.
 */
class PreflightITCase {

    private static final String KEYSPACE = "preflight_it";

    private static LocalServers servers;
    private static String topic;
    private static String deadLetters;

    @BeforeAll
    static void prepareServers() {
        servers = LocalServers.shared();
        CqlSession session = servers.session();
        CassandraSchema.apply(session, TableLayout.EVENT_ID);
        ddl(session, "CREATE KEYSPACE IF NOT EXISTS " + KEYSPACE
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        ddl(session, "CREATE TABLE IF NOT EXISTS " + KEYSPACE + ".wrong_types (user_id UUID, bucket_date DATE, "
                + "event_time TIMESTAMP, event_type TEXT, event_id UUID, metadata MAP<TEXT, INT>, "
                + "PRIMARY KEY ((user_id, bucket_date), event_time, event_type))");
        topic = servers.createFreshTopic("preflight", 1);
        deadLetters = servers.createFreshTopic("preflight-dlq", 1);
    }

    private static void ddl(CqlSession session, String cql) {
        session.execute(SimpleStatement.newInstance(cql).setTimeout(Duration.ofSeconds(60)));
    }

    /** What prepare() did: its exit status, the problems it listed, and all it printed to stderr. */
    private record Outcome(int exitStatus, boolean runs, List<String> problems, String err) {}

    private static Outcome prepare(String... extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        EventPipelineJob.Start start = EventPipelineJob.prepare(TestPipelines.arguments(servers, topic, deadLetters, extra),
                Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String errText = err.toString(StandardCharsets.UTF_8);
        List<String> problems = errText.lines().filter(line -> line.startsWith("  - ")).map(line -> line.substring(4)).toList();
        return new Outcome(start.exitStatus(), start.config().isPresent(), problems, errText);
    }

    private static void assertRefused(Outcome outcome, String... problems) {
        assertThat(outcome.exitStatus()).as(outcome.err()).isEqualTo(EventPipelineJob.INVALID_CONFIGURATION);
        assertThat(outcome.runs()).isFalse();
        assertThat(outcome.err()).startsWith("Start-up checks failed (" + problems.length + " problem");
        assertThat(outcome.problems()).containsExactly(problems);
    }

    private static void assertPasses(Outcome outcome) {
        assertThat(outcome.exitStatus()).as(outcome.err()).isZero();
        assertThat(outcome.runs()).isTrue();
        assertThat(outcome.err()).isEmpty();
    }

    @Test
    void theStackAsInfraCreatesItPassesForBothLayouts() {
        assertPasses(prepare("--cassandra.ttl", "90 d"));

        Outcome eventId = prepare("--cassandra.table-layout", "event-id");
        assertThat(eventId.exitStatus()).as(eventId.err()).isZero();
        assertThat(eventId.runs()).isTrue();
    }

    @Test
    void aColumnOfAnotherTypeIsRefused() {
        assertRefused(prepare("--cassandra.keyspace", KEYSPACE, "--cassandra.table", "wrong_types"),
                "table preflight_it.wrong_types: column metadata is map<text, int>, expected map<text, text>: recreate "
                        + "it as infra/cassandra/schema.cql does (cassandra.table-layout=seed), or set cassandra.table "
                        + "to a table that has this shape");
    }

    @Test
    void aMissingTableOrKeyspaceIsRefused() {
        assertRefused(prepare("--cassandra.table", "no_such_table"),
                "table event_streaming.no_such_table does not exist: create it with the columns and key of "
                        + "infra/cassandra/schema.cql (cassandra.table-layout=seed) or set cassandra.table");
        assertRefused(prepare("--cassandra.keyspace", "no_such_keyspace"),
                "keyspace no_such_keyspace does not exist: create it (infra/cassandra/schema.cql shows how) or set "
                        + "cassandra.keyspace");
    }

    @Test
    void theOtherLayoutsTableIsRefusedNamingTheLayout() {
        assertRefused(prepare("--cassandra.table", "user_events_by_event_id"),
                "table event_streaming.user_events_by_event_id has clustering columns (event_time, event_type, "
                        + "event_id) but cassandra.table-layout=seed: set cassandra.table-layout=event-id");
        assertRefused(prepare("--cassandra.table-layout", "event-id", "--cassandra.table", "user_events"),
                "table event_streaming.user_events has clustering columns (event_time, event_type) but "
                        + "cassandra.table-layout=event-id: set cassandra.table-layout=seed");
    }

    @Test
    void missingTopicsAreRefused() {
        assertRefused(prepare("--kafka.topic", "preflight-no-source", "--dlq.topic", "preflight-no-dlq"),
                "topic preflight-no-source does not exist (kafka.topic): create it (infra/kafka/topics.properties "
                        + "lists the pipeline's topics; pipeline up creates them) or set kafka.topic",
                "dead-letter topic preflight-no-dlq does not exist (dlq.topic): create it "
                        + "(infra/kafka/topics.properties lists the pipeline's topics; pipeline up creates them) or set "
                        + "dlq.topic");
    }

    @Test
    void deadLettersLargerThanTheTopicTakesAreRefused() {
        assertRefused(prepare("--dlq.max-record-bytes", "2000000"),
                "dlq.max-record-bytes=2000000 exceeds max.message.bytes=1048588 of topic " + deadLetters
                        + ": lower it or raise the topic's max.message.bytes");
    }

    @Test
    void aTtlPastCassandra5sDefaultMaximumExpirationDateIsRefused() {
        Outcome outcome = prepare("--cassandra.ttl", "7300 d");

        assertThat(outcome.exitStatus()).as(outcome.err()).isEqualTo(EventPipelineJob.INVALID_CONFIGURATION);
        assertThat(outcome.problems()).singleElement().asString()
                .startsWith("cassandra.ttl=7300 d (630720000 s) makes rows written now expire at ")
                .contains("after Cassandra's maximum expiration date 2038-01-19T03:14:06Z (storage_compatibility_mode "
                        + "CASSANDRA_4, Cassandra 5.0's default), so Cassandra would refuse every write: lower "
                        + "cassandra.ttl to at most ");
        // What Cassandra itself says to such a write, so the check is not stricter than the node.
        assertThat(cassandraRefuses("USING TTL 630720000")).contains("exceeds maximum supported expiration date of 2038-01-19");
        assertThat(cassandraRefuses("USING TTL 7776000")).isEmpty();
    }

    @Test
    void exactlyOnceDeadLettersPassWithinTheBrokersTransactionLimit() {
        assertPasses(prepare("--dlq.delivery-guarantee", "exactly-once"));
    }

    @Test
    void aTransactionTimeoutAboveTheBrokersMaximumIsRefused() {
        Outcome outcome = prepare("--dlq.delivery-guarantee", "exactly-once", "--dlq.transaction-timeout", "16 min");

        assertThat(outcome.exitStatus()).as(outcome.err()).isEqualTo(EventPipelineJob.INVALID_CONFIGURATION);
        assertThat(outcome.problems()).singleElement().asString()
                .startsWith("dlq.transaction-timeout=16 min (960000 ms) exceeds transaction.max.timeout.ms=900000 of "
                        + "broker ")
                .endsWith(", so Kafka would refuse every transaction of the dead-letter producer: lower "
                        + "dlq.transaction-timeout to at most 15 min or raise the brokers' transaction.max.timeout.ms");
        // What the broker itself says to such a producer, so the check is not stricter than Kafka.
        assertThat(brokerRefusesTransactions(Duration.ofMinutes(16))).contains("transaction timeout");
        assertThat(brokerRefusesTransactions(Duration.ofMinutes(15))).isEmpty();
    }

    @Test
    void anUnknownDatacenterIsRefusedNamingTheRealOne() {
        assertRefused(prepare("--cassandra.local-datacenter", "dc9"),
                "no Cassandra node is in datacenter dc9 (cassandra.local-datacenter), so the job could send no write: "
                        + "the nodes are in datacenter1: set cassandra.local-datacenter=datacenter1");
    }

    @Test
    void serversThatDoNotAnswerAreRefusedNamingTheAddressAndKeys() {
        int[] closed = Ports.freePorts(2);
        Outcome outcome = prepare("--kafka.bootstrap-servers", "127.0.0.1:" + closed[0],
                "--cassandra.port", Integer.toString(closed[1]), "--cassandra.username", "job",
                "--cassandra.password", "never-shown");

        assertThat(outcome.exitStatus()).isEqualTo(EventPipelineJob.INVALID_CONFIGURATION);
        assertThat(outcome.problems()).hasSize(2);
        assertThat(outcome.problems().get(0)).startsWith("Kafka at 127.0.0.1:" + closed[0]
                + " (kafka.bootstrap-servers) did not answer within 10 s").endsWith("or set job.preflight=false to "
                + "start without these checks");
        assertThat(outcome.problems().get(1)).startsWith("Cassandra at 127.0.0.1:" + closed[1]
                + " (cassandra.contact-points, cassandra.port) could not be reached within 5 s");
        assertThat(outcome.err()).doesNotContain("never-shown");
    }

    @Test
    void jobPreflightFalseSkipsTheChecks() {
        assertPasses(prepare("--cassandra.table", "no_such_table", "--job.preflight", "false"));
    }

    /** The error of a transactional producer's start with this timeout, or empty if the broker takes it. */
    private static String brokerRefusesTransactions(Duration timeout) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.bootstrapServers());
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "preflight-it-" + timeout.toMillis());
        properties.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(timeout.toMillis()));
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            return "";
        } catch (KafkaException e) {
            return e.getMessage();
        }
    }

    /** The error of an insert with this USING clause into the seed table, or empty if Cassandra takes it. */
    private static String cassandraRefuses(String using) {
        try {
            servers.session().execute(SimpleStatement.newInstance("INSERT INTO event_streaming.user_events "
                    + "(user_id, bucket_date, event_time, event_type) VALUES (uuid(), '2025-01-01', 0, 'preflight-ttl') "
                    + using).setTimeout(Duration.ofSeconds(30)));
            return "";
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }
}
