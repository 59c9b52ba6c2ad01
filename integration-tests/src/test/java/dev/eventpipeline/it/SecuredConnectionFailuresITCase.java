package dev.eventpipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.security.Credential;
import dev.eventpipeline.infra.security.LocalCredentials;
import dev.eventpipeline.infra.security.StackSecurity;
import dev.eventpipeline.it.support.FlinkCli;
import dev.eventpipeline.it.support.ScenarioReport;
import dev.eventpipeline.it.support.SecretSearch;
import dev.eventpipeline.it.support.SecuredStack;
import dev.eventpipeline.it.support.TcpRelay;
import dev.eventpipeline.job.EventPipelineJob;
import dev.eventpipeline.job.testing.TestPipelines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 12: the job's start-up against the secured local servers with one thing wrong at a time, as
 * {@code EventPipelineJob.main} meets it (its {@code prepare}, in this JVM; once through {@code flink run}
 * in its own JVM): a wrong Cassandra or SCRAM password, a server certificate the client does not trust, a
 * certificate that does not name the host connected to, a plaintext client on a TLS port. Each is refused
 * with exit status 2 before anything is submitted, each message names the option to fix, and none holds a
 * secret (the stack's canaries, or the wrong passwords tried). The correct settings pass, so each refusal
 * is the one change's doing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredConnectionFailuresITCase {

    private static final String SCENARIO = "12. Secured connection failures (start-up refused)";
    private static final String WRONG_CASSANDRA_PASSWORD = SecuredStack.CANARY_PREFIX + "WrongCassandra" + suffix();
    private static final String WRONG_SCRAM_PASSWORD = SecuredStack.CANARY_PREFIX + "WrongScram" + suffix();

    @RegisterExtension
    final ScenarioReport report = new ScenarioReport(SCENARIO, SecuredStack::servers);

    private LocalServers servers;
    private StackSecurity security;
    private SecretSearch search;
    private String topic;
    private String deadLetters;
    private final AtomicInteger configFiles = new AtomicInteger();

    @BeforeAll
    void createTopics() {
        servers = SecuredStack.servers();
        security = SecuredStack.security();
        Map<String, String> secrets = new LinkedHashMap<>(SecuredStack.secrets());
        secrets.put("the wrong Cassandra password tried", WRONG_CASSANDRA_PASSWORD);
        secrets.put("the wrong SCRAM password tried", WRONG_SCRAM_PASSWORD);
        search = new SecretSearch(secrets);
        topic = servers.createFreshTopic("secured-start", 1);
        deadLetters = servers.createFreshTopic("secured-start-dlq", 1);
    }

    @Test
    @DisplayName("control: the right settings pass")
    void theRightSettingsPassTheStartUpChecks() {
        Start start = start(settings());
        report.outcome(0, 0, 0, summary(start));

        assertThat(start.exitStatus()).as(start.output()).isZero();
        assertThat(start.ready()).as(start.output()).isTrue();
    }

    @Test
    @DisplayName("wrong Cassandra and SCRAM passwords (flink run)")
    void wrongPasswordsAreRefusedNamingTheOptionsThroughFlinkRun() throws Exception {
        Map<String, String> settings = settings();
        settings.put("cassandra.password", WRONG_CASSANDRA_PASSWORD);
        settings.put("kafka.property.sasl.jaas.config",
                StackSecurity.scramJaasConfig(new Credential(LocalCredentials.KAFKA_PIPELINE_USER, WRONG_SCRAM_PASSWORD)));
        Path home = Files.createDirectories(ScenarioReport.reportDir().resolve("secured-start-" + System.currentTimeMillis()));
        report.keepOnFailure(home);
        List<String> commandLines = new ArrayList<>();

        long started = System.nanoTime();
        FlinkCli.Run run = FlinkCli.withoutCluster(home).runDetached(FlinkCli.jobJar(),
                Arrays.asList(arguments(settings, List.of())), Map.of(),
                process -> commandLines.add(SecretSearch.commandLineOf(process.pid())), Duration.ofMinutes(2));
        String seconds = String.format("%.1f", (System.nanoTime() - started) / 1e9);
        String everything = run.output() + Files.readString(home.resolve("log/flink-cli.log")) + commandLines;
        report.outcome(0, 0, 0, "flink run exited " + run.exitCode() + " after " + seconds + " s; secrets in its output, "
                + "log or command line: " + search.secretsIn(everything));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(EventPipelineJob.INVALID_CONFIGURATION);
        assertThat(run.output()).contains("Start-up checks failed (2 problems); the job was not started",
                "refused the login of cassandra.username=" + LocalCredentials.CASSANDRA_WRITER_ROLE,
                "fix cassandra.username and cassandra.password",
                "(kafka.bootstrap-servers) refused the connection",
                "fix kafka.property.security.protocol and the kafka.property.sasl.* / kafka.property.ssl.* settings");
        assertThat(run.output()).doesNotContain("Job has been submitted", "JobID");
        assertThat(commandLines).isNotEmpty();
        assertThat(search.secretsIn(everything)).isEmpty();
    }

    @Test
    @DisplayName("untrusted server certificate")
    void aServerCertificateTheJobDoesNotTrustIsRefusedNamingTheTruststoreOptions() {
        // No truststore of ours: the JVM's default one, which does not hold the stack's CA.
        Map<String, String> settings = settings();
        settings.keySet().removeIf(key -> key.startsWith("cassandra.ssl.truststore.") || key.startsWith("kafka.property.ssl.truststore."));
        Start start = start(settings);
        report.outcome(0, 0, 0, summary(start));

        assertThat(start.exitStatus()).as(start.output()).isEqualTo(EventPipelineJob.INVALID_CONFIGURATION);
        assertThat(start.output()).contains("Start-up checks failed (2 problems)",
                "the node's certificate is not trusted: set cassandra.ssl.truststore.path (and "
                        + "cassandra.ssl.truststore.password) to a truststore holding the CA that signed it",
                "(kafka.bootstrap-servers) refused the connection", "kafka.property.ssl.*");
        assertThat(search.secretsIn(start.output())).isEmpty();
    }

    @Test
    @DisplayName("hostname mismatch")
    void aCertificateThatDoesNotNameTheHostIsRefusedNamingHostnameVerification() {
        // The servers' certificate names localhost and 127.0.0.1; the same servers reached as 127.0.0.2 are
        // a host it does not name (a relay, as a DNS alias would be). Same CA, same servers, wrong name only.
        try (TcpRelay cassandra = TcpRelay.start("127.0.0.2", servers.cassandraContactPoint());
                TcpRelay kafka = TcpRelay.start("127.0.0.2", kafkaAddress())) {
            Map<String, String> settings = settings();
            List<String> elsewhere = List.of("--cassandra.contact-points", "127.0.0.2",
                    "--cassandra.port", Integer.toString(cassandra.address().getPort()),
                    "--kafka.bootstrap-servers", "127.0.0.2:" + kafka.address().getPort());
            Start mismatch = start(settings, elsewhere);

            settings.put("cassandra.ssl.hostname-verification", "false");
            settings.put("kafka.property.ssl.endpoint.identification.algorithm", "");
            Start unverified = start(settings, elsewhere);
            report.outcome(0, 0, 0, summary(mismatch) + "; with hostname verification off: exit " + unverified.exitStatus());

            assertThat(mismatch.exitStatus()).as(mismatch.output()).isEqualTo(EventPipelineJob.INVALID_CONFIGURATION);
            assertThat(mismatch.output()).contains("Start-up checks failed (2 problems)",
                    "the node's certificate does not name the host connected to: list the nodes in "
                            + "cassandra.contact-points by a name (or address) their certificates hold, or set "
                            + "cassandra.ssl.hostname-verification=false (not for production)",
                    "Kafka at 127.0.0.2:" + kafka.address().getPort() + " (kafka.bootstrap-servers) refused the connection",
                    "kafka.property.ssl.*", "127.0.0.2");
            assertThat(search.secretsIn(mismatch.output())).isEmpty();
            assertThat(unverified.exitStatus()).as("only the name was wrong: " + unverified.output()).isZero();
        }
    }

    @Test
    @DisplayName("plaintext clients on the TLS ports")
    void aPlaintextClientOnATlsPortIsRefusedNamingTheTlsOptions() {
        Map<String, String> settings = settings();
        settings.keySet().removeIf(key -> key.startsWith("kafka.property.") || key.startsWith("cassandra.ssl"));
        settings.put("cassandra.ssl", "false");
        Start start = start(settings);
        report.outcome(0, 0, 0, summary(start));

        assertThat(start.exitStatus()).as(start.output()).isEqualTo(EventPipelineJob.INVALID_CONFIGURATION);
        assertThat(start.output()).contains("Start-up checks failed (2 problems)",
                "if the node requires client encryption (TLS), set cassandra.ssl=true",
                "(kafka.bootstrap-servers) did not answer",
                "kafka.property.security.protocol if it needs TLS or SASL");
        assertThat(search.secretsIn(start.output())).isEmpty();
    }

    @Test
    @DisplayName("wrong Cassandra password, password file")
    void aWrongPasswordFromAPasswordFileIsRefusedToo() {
        Map<String, String> settings = settings();
        settings.remove("cassandra.password");
        settings.put("cassandra.password-file", SecuredStack.writeSecretFile("it-wrong.password", WRONG_CASSANDRA_PASSWORD)
                .toString());
        Start start = start(settings);
        report.outcome(0, 0, 0, summary(start));

        assertThat(start.exitStatus()).as(start.output()).isEqualTo(EventPipelineJob.INVALID_CONFIGURATION);
        assertThat(start.output()).contains("Start-up checks failed (1 problem)",
                "refused the login of cassandra.username=" + LocalCredentials.CASSANDRA_WRITER_ROLE);
        assertThat(search.secretsIn(start.output())).isEmpty();
    }

    /** The secured stack's job settings (the writer role, the pipeline's Kafka user, mutual TLS), to change. */
    private Map<String, String> settings() {
        return new LinkedHashMap<>(security.jobSettings());
    }

    private String[] arguments(Map<String, String> settings, List<String> extra) {
        Path config = SecuredStack.writeJobConfig("it-start-" + configFiles.incrementAndGet() + ".properties", settings);
        List<String> arguments = new ArrayList<>(Arrays.asList(TestPipelines.arguments(servers, topic, deadLetters,
                "--config", config.toString())));
        arguments.addAll(extra);
        return arguments.toArray(String[]::new);
    }


    /** What {@code EventPipelineJob.main} decides with these settings in its --config file, and what it printed. */
    private record Start(int exitStatus, boolean ready, String output, double seconds) {}

    /** For the report: the exit status, time and message, unless the message holds a secret (then asserted). */
    private String summary(Start start) {
        return "exit " + start.exitStatus() + " after " + String.format("%.1f", start.seconds()) + " s: "
                + (search.secretsIn(start.output()).isEmpty() ? start.output().strip().replace('\n', ' ')
                        : "(message not shown: it holds a secret)");
    }

    private Start start(Map<String, String> settings) {
        return start(settings, List.of());
    }

    private Start start(Map<String, String> settings, List<String> extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long started = System.nanoTime();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            EventPipelineJob.Start start = EventPipelineJob.prepare(arguments(settings, extra), Map.of(), print, print);
            return new Start(start.exitStatus(), start.config().isPresent(), out.toString(StandardCharsets.UTF_8),
                    (System.nanoTime() - started) / 1e9);
        }
    }

    private InetSocketAddress kafkaAddress() {
        String[] hostAndPort = servers.bootstrapServers().split(":");
        return new InetSocketAddress(hostAndPort[0], Integer.parseInt(hostAndPort[1]));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
