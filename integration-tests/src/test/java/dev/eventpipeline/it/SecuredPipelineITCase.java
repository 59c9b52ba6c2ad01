package dev.eventpipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.cassandra.UserEventsTable;
import dev.eventpipeline.infra.flink.FlinkRest;
import dev.eventpipeline.infra.process.ListeningSockets;
import dev.eventpipeline.infra.security.LocalCredentials;
import dev.eventpipeline.infra.security.StackSecurity;
import dev.eventpipeline.it.support.Await;
import dev.eventpipeline.it.support.Converge;
import dev.eventpipeline.it.support.ExceptionHistory;
import dev.eventpipeline.it.support.FlinkCli;
import dev.eventpipeline.it.support.FlinkSessionCluster;
import dev.eventpipeline.it.support.MiniClusters;
import dev.eventpipeline.it.support.MixedStream;
import dev.eventpipeline.it.support.Outcome;
import dev.eventpipeline.it.support.ScenarioReport;
import dev.eventpipeline.it.support.SecretSearch;
import dev.eventpipeline.it.support.SecuredStack;
import dev.eventpipeline.job.EventPipelineJob;
import dev.eventpipeline.job.testing.KafkaTestClient;
import dev.eventpipeline.job.testing.TestPipelines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import dev.eventpipeline.it.support.PipelineRuns;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 11: the pipeline against the secured local servers (mutual TLS everywhere, SCRAM-SHA-512 for
 * Kafka, Cassandra's password authentication with least-privilege roles), whose passwords are canaries
 * ({@link SecuredStack}). The job writes with the writer role, once on a MiniCluster and once as the
 * shaded JAR through {@code flink run} on a session cluster, its secrets given by a {@code --config} file,
 * a {@code cassandra.password-file} and the environment, never as arguments: rows and dead letters (read
 * back over SASL_SSL) exact, nothing of it listening beyond loopback. The reader role's job fails at its
 * first write, naming the role and the option, and ends FAILED without restarting into the refusal. Last, every output of all this is searched for the
 * canaries: logs and outputs of every JVM, the servers' logs, Flink's REST API, command lines, --help.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredPipelineITCase {

    private static final String SCENARIO = "11. Secured pipeline (mutual TLS, SCRAM, Cassandra roles)";
    private static final int EVENTS = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.oneTaskManagerWithTwoSlots();

    @RegisterExtension
    final ScenarioReport report = new ScenarioReport(SCENARIO, SecuredStack::servers);

    private LocalServers servers;
    private StackSecurity security;
    private KafkaTestClient kafka;
    private FlinkSessionCluster cluster;
    private SecretSearch search;
    /** The front ends' command lines, read from /proc while each ran. */
    private int frontEndCommandLines;
    private String writerJobId;
    private String writerJobName;
    private String writerTopic;
    private String readerJobId;

    @BeforeAll
    void startTheSessionCluster() throws IOException {
        servers = SecuredStack.servers();
        security = SecuredStack.security();
        kafka = new KafkaTestClient(servers.kafkaClientProperties());
        search = new SecretSearch(SecuredStack.secrets());
        Path home = Files.createDirectories(ScenarioReport.reportDir().resolve("secured-session-cluster-" + System.currentTimeMillis()));
        cluster = FlinkSessionCluster.start(home, Duration.ofMinutes(2), FlinkCli.VERBOSE_LOG4J);
    }

    @AfterAll
    void stopTheSessionCluster() {
        if (cluster != null) {
            cluster.close();
            assertThat(cluster.anyAlive()).as("a Flink JVM outlived stop()").isFalse();
        }
    }

    @Test
    @Order(1)
    @DisplayName("MiniCluster, writer role")
    void onAMiniClusterTheWriterRoleWritesEveryRowAndDeadLetter(@InjectMiniCluster MiniCluster miniCluster) throws Exception {
        String topic = servers.createFreshTopic("secured-mini", 2);
        String deadLetters = servers.createFreshTopic("secured-mini-dlq", 1);
        MixedStream stream = MixedStream.of(2_000, 2, 50, 1301);
        kafka.send(topic, stream.records);
        // servers.jobArguments(): addresses, and --config with the writer role and the pipeline's Kafka user.
        List<String> arguments = new ArrayList<>(Arrays.asList(TestPipelines.arguments(servers, topic, deadLetters,
                "--job.parallelism", "2")));
        arguments.addAll(servers.jobArguments());
        assertThat(search.secretsIn(String.join(" ", arguments))).isEmpty();

        // Unbounded, with the job's own restarts: a freshly started node under load may time a write out.
        JobClient job = PipelineRuns.start(arguments.toArray(String[]::new));
        Outcome.Rows rows;
        Outcome.DeadLetters letters;
        int failures;
        try {
            rows = Converge.rows(new UserEventsTable(servers.session()), stream.expectedRows, Duration.ofMinutes(3));
            letters = Converge.deadLetters(kafka, deadLetters, stream.expectedDeadLetters, Duration.ofMinutes(1));
            failures = new FlinkRest(miniCluster.getRestAddress().get()).failureCount(job.getJobID().toHexString());
        } finally {
            job.cancel().get(1, TimeUnit.MINUTES);
        }
        report.outcome(stream.total(), rows.lost() + letters.lost(), rows.unexpected() + letters.duplicated(),
                failures + " failure(s); as " + LocalCredentials.CASSANDRA_WRITER_ROLE + "; " + rows + "; " + letters);

        assertThat(rows.exact()).as(rows.toString()).isTrue();
        assertThat(letters.complete()).as(letters.toString()).isTrue();
        if (failures == 0) {
            assertThat(letters.exact()).as(letters.toString()).isTrue(); // repeats only after a replay
        }
    }

    @Test
    @Order(2)
    @DisplayName("flink run on a session cluster, writer role")
    void throughFlinkRunTheWriterRoleWritesEveryRowAndDeadLetter() throws Exception {
        writerTopic = servers.createFreshTopic("secured-cluster", 2);
        String deadLetters = servers.createFreshTopic("secured-cluster-dlq", 1);
        MixedStream stream = MixedStream.of(EVENTS, 2, 50, 1302);
        kafka.send(writerTopic, stream.records);
        report.step("sent " + stream.total() + " records over SASL_SSL");

        // Three ways for secrets, none of them an argument: the Kafka login and stores' paths in --config,
        // the writer's password in cassandra.password-file, the stores' passwords in the environment.
        Map<String, String> settings = new LinkedHashMap<>(security.jobSettings());
        String writerPassword = settings.remove("cassandra.password");
        Map<String, String> environment = Map.of(
                "EVENT_PIPELINE_CASSANDRA_SSL_TRUSTSTORE_PASSWORD", settings.remove("cassandra.ssl.truststore.password"),
                "EVENT_PIPELINE_CASSANDRA_SSL_KEYSTORE_PASSWORD", settings.remove("cassandra.ssl.keystore.password"));
        settings.put("cassandra.password-file", SecuredStack.writeSecretFile("it-writer.password", writerPassword).toString());
        Path config = SecuredStack.writeJobConfig("it-writer.properties", settings);
        writerJobName = "secured-pipeline-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> arguments = Arrays.asList(TestPipelines.arguments(servers, writerTopic, deadLetters,
                "--config", config.toString(), "--job.parallelism", "2", "--job.name", writerJobName));
        assertThat(search.secretsIn(String.join(" ", arguments))).isEmpty();

        FlinkRest rest = cluster.rest();
        writerJobId = cluster.runDetached(FlinkCli.jobJar(), arguments, environment, this::readCommandLine,
                Duration.ofMinutes(3));
        search.text("output of flink run (writer)", Files.readString(cluster.logDir().resolve("flink-run.out")));
        report.step("flink run submitted job " + writerJobId);
        Await.until("the job and all its tasks RUNNING", Duration.ofMinutes(2), () -> rest.allTasksRunning(writerJobId));

        List<Long> pids = Stream.concat(cluster.pids().stream(), serverPids().stream()).toList();
        List<ListeningSockets.Socket> sockets = ListeningSockets.of(pids);
        List<ListeningSockets.Socket> beyondLoopback = ListeningSockets.beyondLoopback(pids);

        Outcome.Rows rows = Converge.rows(new UserEventsTable(servers.session()), stream.expectedRows, Duration.ofMinutes(3));
        Outcome.DeadLetters letters = Converge.deadLetters(kafka, deadLetters, stream.expectedDeadLetters, Duration.ofMinutes(1));
        int failures = rest.failureCount(writerJobId);
        String stateBeforeCancel = rest.jobState(writerJobId);
        rest.cancel(writerJobId);
        Await.until("the job CANCELED", Duration.ofMinutes(1), () -> "CANCELED".equals(rest.jobState(writerJobId)));
        report.outcome(stream.total(), rows.lost() + letters.lost(), rows.unexpected() + letters.duplicated(),
                stateBeforeCancel + " with " + failures + " failure(s); " + rows + "; " + letters + "; "
                        + sockets.size() + " listening sockets of the servers and the cluster's JVMs, "
                        + beyondLoopback.size() + " beyond loopback");

        assertThat(stateBeforeCancel).isEqualTo("RUNNING");
        assertThat(failures).as("failures: " + rest.lastFailure(writerJobId)).isZero();
        assertThat(rows.exact()).as(rows.toString()).isTrue();
        assertThat(letters.exact()).as(letters.toString()).isTrue();
        assertThat(sockets.stream().map(ListeningSockets.Socket::pid).distinct()).as(sockets.toString())
                .containsAll(cluster.pids());
        assertThat(beyondLoopback).isEmpty();
    }

    @Test
    @Order(3)
    @DisplayName("flink run with the reader role: refused")
    void theReaderRoleCannotWriteAndTheJobSaysWhichRoleAndOption() throws Exception {
        String topic = servers.createFreshTopic("secured-reader", 1);
        String deadLetters = servers.createFreshTopic("secured-reader-dlq", 1);
        MixedStream stream = MixedStream.validOnly(200, 20, 1303);
        kafka.send(topic, stream.records);

        // The reader's login only in the environment, as a deployment might give it.
        Map<String, String> settings = new LinkedHashMap<>(security.jobSettings());
        settings.remove("cassandra.username");
        settings.remove("cassandra.password");
        Path config = SecuredStack.writeJobConfig("it-reader.properties", settings);
        Map<String, String> environment = Map.of(
                "EVENT_PIPELINE_CASSANDRA_USERNAME", LocalCredentials.CASSANDRA_READER_ROLE,
                "EVENT_PIPELINE_CASSANDRA_PASSWORD", SecuredStack.credentials().cassandraReader().password());
        List<String> arguments = Arrays.asList(TestPipelines.arguments(servers, topic, deadLetters,
                "--config", config.toString(), "--job.name", "secured-pipeline-as-reader"));

        FlinkRest rest = cluster.rest();
        readerJobId = cluster.runDetached(FlinkCli.jobJar(), arguments, environment, this::readCommandLine,
                Duration.ofMinutes(3));
        search.text("output of flink run (reader)", Files.readString(cluster.logDir().resolve("flink-run.out")));
        // A refusal that every row would get is non-recoverable: the job ends FAILED by itself, it does
        // not restart into the same error (a job still restarting is cancelled, and the test fails).
        AtomicReference<String> state = new AtomicReference<>("");
        try {
            Await.until("the reader's job FAILED", Duration.ofMinutes(3), () -> {
                state.set(rest.jobState(readerJobId));
                return "FAILED".equals(state.get()) || rest.failureCount(readerJobId) > 1;
            });
        } finally {
            if (!"FAILED".equals(rest.jobState(readerJobId))) {
                rest.cancel(readerJobId);
            }
        }
        int failures = rest.failureCount(readerJobId);
        String refusal = ExceptionHistory.of(rest, readerJobId).stream().flatMap(failure -> failure.causes().stream())
                .filter(cause -> cause.contains("Cassandra refuses every write")).findFirst()
                .orElse("(no refusal in the exception history)");
        List<?> rows = new UserEventsTable(servers.session()).rowsInPartitionsOf(stream.expectedRows);
        report.outcome(stream.total(), 0, 0, "job " + state.get() + " after " + failures + " failure(s), "
                + rows.size() + " rows written; " + refusal);

        assertThat(state.get()).as("the job ends FAILED instead of restarting into the refusal").isEqualTo("FAILED");
        assertThat(failures).as("failures before the job ended").isEqualTo(1);
        assertThat(refusal).contains(
                "the Cassandra role of cassandra.username may not write to event_streaming.user_events",
                "GRANT MODIFY ON TABLE event_streaming.user_events", LocalCredentials.CASSANDRA_READER_ROLE, "MODIFY");
        assertThat(rows).isEmpty();
    }

    @Test
    @Order(4)
    @DisplayName("no secret in any output")
    void noSecretInAnyLogOutputRestAnswerCommandLineOrHelp() throws Exception {
        assertThat(writerJobId).as("the session cluster's jobs above ran").isNotNull();
        assertThat(readerJobId).as("the session cluster's jobs above ran").isNotNull();

        // Files: every JVM's log and stdout/stderr of the session cluster and its front end; the servers' logs;
        // the test JVM's log (the MiniCluster job, the clients).
        int clusterFiles = search.filesUnder(cluster.logDir());
        search.file(servers.kafka().logFile());
        search.file(servers.cassandra().logFile());
        if (Files.isRegularFile(ScenarioReport.TEST_LOG)) {
            search.file(ScenarioReport.TEST_LOG);
        }

        int restAnswers = searchRestApi(cluster.rest().base());

        // Command lines as any user on the machine sees them: servers, cluster JVMs (and their children).
        int commandLines = frontEndCommandLines;
        for (long pid : Stream.concat(serverPids().stream(), cluster.pids().stream()).toList()) {
            List<Long> family = Stream.concat(Stream.of(pid), ProcessHandle.of(pid).orElseThrow().descendants()
                    .map(ProcessHandle::pid)).toList();
            for (long member : family) {
                commandLines += search.commandLine("server or cluster JVM", member) ? 1 : 0;
            }
        }

        // --help and a refused configuration, with every secret in the environment and a mistyped key's value.
        Map<String, String> environment = Map.of(
                "EVENT_PIPELINE_CASSANDRA_PASSWORD", SecuredStack.credentials().cassandraWriter().password(),
                "EVENT_PIPELINE_KAFKA_PROPERTY_SASL_JAAS_CONFIG", security.jobSettings().get("kafka.property.sasl.jaas.config"));
        search.text("--help", prepare(environment, "--help"));
        search.text("a mistyped secret key", prepare(environment, "--cassandra.pasword",
                SecuredStack.credentials().cassandraReader().password()));

        String summary = search + ": " + clusterFiles + " files of the session cluster and its front ends, 3 more logs, "
                + restAnswers + " REST answers, " + commandLines + " command lines, --help";
        List<String> leaks = search.leaks();
        report.outcome(0, 0, 0, summary + "; " + leaks.size() + " secret(s) found");

        // It looked: the needles are the stack's real secrets, and non-secrets near them are found.
        assertThat(search.secretsIn(Files.readString(security.credentialsFile())))
                .hasSize(SecuredStack.secrets().size());
        assertThat(clusterFiles).isGreaterThanOrEqualTo(6);
        assertThat(restAnswers).isGreaterThanOrEqualTo(20);
        assertThat(frontEndCommandLines).as("both front ends' command lines read while they ran").isEqualTo(2);
        assertThat(commandLines).isGreaterThanOrEqualTo(6);
        assertThat(search.sourcesContaining(writerJobName)).contains(
                cluster.logDir().resolve("jobmanager.log").toString(), "GET /jobs/" + writerJobId, "GET /jobmanager/log");
        assertThat(search.sourcesContaining("--kafka.topic " + writerTopic)).anyMatch(source -> source.startsWith("command line of flink run"));
        assertThat(search.sourcesContaining(LocalCredentials.CASSANDRA_READER_ROLE))
                .contains("GET /jobs/" + readerJobId + "/exceptions");
        assertThat(search.sourcesContaining("--cassandra.pasword")).containsExactly("a mistyped secret key");
        assertThat(search.source("--help")).contains("cassandra.password-file");

        assertThat(leaks).as(summary).isEmpty();
    }

    /** Every answer of Flink's REST API the Web UI shows for the cluster and both jobs; returns how many. */
    private int searchRestApi(URI base) throws IOException {
        List<String> paths = new ArrayList<>(List.of("/config", "/overview", "/jobs/overview", "/jobmanager/config",
                "/jobmanager/environment", "/jobmanager/logs", "/jobmanager/log", "/jobmanager/stdout", "/taskmanagers"));
        for (String job : List.of(writerJobId, readerJobId)) {
            for (String part : List.of("", "/config", "/plan", "/exceptions", "/accumulators", "/checkpoints",
                    "/checkpoints/config", "/jobmanager/config", "/jobmanager/environment")) {
                paths.add("/jobs/" + job + part);
            }
        }
        int answers = 0;
        for (String path : paths) {
            assertThat(search.get(base, path)).as("GET " + path).isEqualTo(200);
            answers++;
        }
        for (JsonNode log : JSON.readTree(search.source("GET /jobmanager/logs")).path("logs")) {
            answers += search.get(base, "/jobmanager/logs/" + log.path("name").asText()) == 200 ? 1 : 0;
        }
        for (String job : List.of(writerJobId, readerJobId)) {
            for (JsonNode vertex : JSON.readTree(search.source("GET /jobs/" + job)).path("vertices")) {
                answers += search.get(base, "/jobs/" + job + "/vertices/" + vertex.path("id").asText()) == 200 ? 1 : 0;
            }
        }
        for (JsonNode taskManager : JSON.readTree(search.source("GET /taskmanagers")).path("taskmanagers")) {
            String prefix = "/taskmanagers/" + taskManager.path("id").asText();
            for (String part : List.of("", "/logs", "/log", "/stdout")) {
                assertThat(search.get(base, prefix + part)).as("GET " + prefix + part).isEqualTo(200);
                answers++;
            }
            for (JsonNode log : JSON.readTree(search.source("GET " + prefix + "/logs")).path("logs")) {
                answers += search.get(base, prefix + "/logs/" + log.path("name").asText()) == 200 ? 1 : 0;
            }
        }
        return answers;
    }

    /** Reads a front end's command line from /proc once its JVM is the CLI (it runs for seconds). */
    private void readCommandLine(ProcessHandle process) {
        Await.until("the flink front end's command line in /proc", Duration.ofMinutes(1), () -> !process.isAlive()
                || SecretSearch.commandLineOf(process.pid()).contains("org.apache.flink.client.cli.CliFrontend"));
        if (search.commandLine("flink run", process.pid())) {
            frontEndCommandLines++;
        }
    }

    private static String prepare(Map<String, String> environment, String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            EventPipelineJob.Start start = EventPipelineJob.prepare(arguments, environment, outStream, errStream);
            return "exit " + start.exitStatus() + "\n" + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        }
    }

    private List<Long> serverPids() {
        return List.of(servers.kafka().pid().orElseThrow(), servers.cassandra().pid().orElseThrow());
    }
}
