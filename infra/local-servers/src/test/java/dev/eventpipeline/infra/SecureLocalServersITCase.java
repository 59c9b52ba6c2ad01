package dev.eventpipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import dev.eventpipeline.infra.cassandra.CassandraRoles;
import dev.eventpipeline.infra.process.ListeningSockets;
import dev.eventpipeline.infra.security.CassandraRole;
import dev.eventpipeline.infra.security.Credential;
import dev.eventpipeline.infra.security.LocalCredentials;
import dev.eventpipeline.infra.security.LocalSecurity;
import dev.eventpipeline.infra.security.StackSecurity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secured local stack (with mutual TLS, the strictest setting): SCRAM over TLS for Kafka, roles over
 * required TLS for Cassandra, and what each refuses.
 */
class SecureLocalServersITCase {

    @TempDir
    static Path workDir;

    static LocalServers servers;
    static StackSecurity security;
    static LocalCredentials credentials;

    @BeforeAll
    static void startSecuredStack() {
        LocalSecurity secured = LocalSecurity.standard().withMutualTls();
        servers = new LocalServers(
                LocalKafka.builder().workDir(workDir).freePorts().security(secured).build(),
                LocalCassandra.builder().workDir(workDir).freePorts().security(secured).build());
        servers.start();
        security = servers.security().orElseThrow();
        credentials = security.credentials();
    }

    @AfterAll
    static void stopStack() {
        if (servers != null) {
            servers.stop();
        }
    }

    @Test
    void theSecuredStackUsesTheFilesItReportsAndNoPlaintextListener() throws Exception {
        assertThat(security.directory()).isEqualTo(workDir.toAbsolutePath().resolve("secure"));
        assertThat(security.truststore()).isRegularFile();
        String serverProperties = Files.readString(servers.kafka().serverDir().resolve("server.properties"));
        assertThat(serverProperties).contains("listeners=SASL_SSL://127.0.0.1:", "CONTROLLER:SSL")
                .doesNotContain("PLAINTEXT");
        assertThat(Files.getPosixFilePermissions(servers.kafka().serverDir().resolve("server.properties")))
                .hasSize(2);
        assertThat(Files.readString(servers.cassandra().serverDir().resolve("cassandra.yaml")))
                .contains("authenticator: PasswordAuthenticator", "optional: false");
    }

    @Test
    void aScramClientProducesAndConsumes() {
        String topic = servers.createFreshTopic("secure", 1);

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(servers.kafkaClientProperties(),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "user-1", "{\"event\":\"click\"}")).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Map<String, Object> consumerProperties = new HashMap<>(servers.kafkaClientProperties());
        consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, "secure-" + UUID.randomUUID());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        assertThat(records).singleElement().satisfies(record -> assertThat(record.value()).isEqualTo("{\"event\":\"click\"}"));
    }

    @Test
    void aWrongScramPasswordIsRefused() {
        Map<String, Object> wrong = new HashMap<>(servers.kafkaClientProperties());
        wrong.putAll(security.kafkaClientProperties(new Credential(LocalCredentials.KAFKA_PIPELINE_USER, "not-the-password")));

        assertThat(describeCluster(wrong)).isInstanceOf(SaslAuthenticationException.class)
                .hasMessageContaining("invalid credentials").hasMessageNotContaining("not-the-password");
    }

    @Test
    void aPlaintextClientCannotTalkToTheTlsPorts() {
        Throwable kafka = describeCluster(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.bootstrapServers()));
        assertThat(kafka).isNotNull(); // the broker drops the plaintext connection: no metadata, a timeout

        assertThatThrownBy(() -> CqlSession.builder().addContactPoint(servers.cassandraContactPoint())
                .withLocalDatacenter(servers.cassandraLocalDatacenter())
                .withAuthCredentials(credentials.cassandraAdmin().user(), credentials.cassandraAdmin().password())
                .build().close())
                .isInstanceOf(AllNodesFailedException.class);
    }

    @Test
    void aClientThatDoesNotTrustTheCaIsRefused() throws Exception {
        Map<String, Object> untrusted = new HashMap<>(servers.kafkaClientProperties());
        untrusted.remove("ssl.truststore.location");
        untrusted.remove("ssl.truststore.password");
        untrusted.remove("ssl.truststore.type");
        assertThat(describeCluster(untrusted)).isInstanceOf(SslAuthenticationException.class);

        assertThatThrownBy(() -> servers.cassandra().sessionBuilder(CassandraRole.ADMIN)
                .withSslContext(SSLContext.getDefault()).build().close())
                .isInstanceOf(AllNodesFailedException.class);
    }

    @Test
    void withMutualTlsAClientWithoutACertificateIsRefused() {
        Map<String, Object> noCertificate = new HashMap<>(servers.kafkaClientProperties());
        noCertificate.remove("ssl.keystore.location");
        noCertificate.remove("ssl.keystore.password");
        noCertificate.remove("ssl.keystore.type");
        assertThat(describeCluster(noCertificate)).isInstanceOf(SslAuthenticationException.class);
    }

    @Test
    void theWriterWritesAndTheReaderOnlyReads() {
        UUID user = UUID.randomUUID();
        String insert = "INSERT INTO event_streaming.user_events (user_id, bucket_date, event_time, event_type, event_id) "
                + "VALUES (?, ?, toTimestamp(now()), 'click', uuid())";
        String select = "SELECT event_type FROM event_streaming.user_events WHERE user_id = ? AND bucket_date = ?";
        LocalDate day = LocalDate.now();
        try (CqlSession writer = servers.openCassandraSession(CassandraRole.WRITER);
                CqlSession reader = servers.openCassandraSession(CassandraRole.READER)) {
            writer.execute(insert, user, day);

            assertThat(reader.execute(select, user, day).all()).hasSize(1);
            assertThatThrownBy(() -> reader.execute(insert, user, day)).isInstanceOf(UnauthorizedException.class)
                    .hasMessageContaining("MODIFY");
            assertThatThrownBy(() -> writer.execute(select, user, day)).isInstanceOf(UnauthorizedException.class);
            assertThatThrownBy(() -> writer.execute("DROP TABLE event_streaming.user_events"))
                    .isInstanceOf(UnauthorizedException.class);
            // The job's start-up checks read the node's settings; they hold no secret (see below).
            assertThat(writer.execute("SELECT name, value FROM system_views.settings").all()).isNotEmpty();
        }
    }

    @Test
    void theDefaultSuperuserCanNoLongerLogIn() {
        assertThatThrownBy(() -> servers.cassandra().sessionBuilder(
                new Credential(CassandraRoles.DEFAULT_SUPERUSER, CassandraRoles.DEFAULT_SUPERUSER)).build().close())
                .isInstanceOf(AllNodesFailedException.class)
                .satisfies(e -> assertThat(((AllNodesFailedException) e).getAllErrors().values().stream()
                        .flatMap(List::stream)).hasAtLeastOneElementOfType(AuthenticationException.class));
    }

    @Test
    void noSecretInTheServerLogsOrOnAnyCommandLine() throws Exception {
        List<String> secrets = List.of(credentials.kafkaAdmin().password(), credentials.kafkaPipeline().password(),
                credentials.cassandraAdmin().password(), credentials.cassandraWriter().password(),
                credentials.cassandraReader().password(), credentials.storePassword());
        // Something for the logs to have seen: a failed login as well as the normal traffic.
        describeCluster(security.kafkaClientProperties(new Credential(LocalCredentials.KAFKA_PIPELINE_USER, "x")));
        for (Path log : List.of(servers.kafka().logFile(), servers.cassandra().logFile())) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(text).as(log.toString()).isNotBlank();
            assertThat(secrets).allSatisfy(secret -> assertThat(text).as(log.toString()).doesNotContain(secret));
        }
        for (long pid : serverPids()) {
            List<Long> family = Stream.concat(Stream.of(pid), ProcessHandle.of(pid).orElseThrow().descendants()
                    .map(ProcessHandle::pid)).toList();
            for (long member : family) {
                String cmdline = new String(Files.readAllBytes(Path.of("/proc", Long.toString(member), "cmdline")),
                        StandardCharsets.UTF_8);
                assertThat(secrets).allSatisfy(secret -> assertThat(cmdline).doesNotContain(secret));
            }
        }
        assertThat(servers.kafka().serverDir().resolve("format.args")).doesNotExist();
        // The writer may read the node's settings (the job's start-up checks do): they must not show a secret.
        String settings = servers.session().execute("SELECT name, value FROM system_views.settings").all().stream()
                .map(row -> row.getString("name") + "=" + row.getString("value")).toList().toString();
        assertThat(settings).contains("client_encryption_options");
        assertThat(secrets).allSatisfy(secret -> assertThat(settings).doesNotContain(secret));
    }

    @Test
    void theServersListenOnlyOnLoopback() {
        assertThat(ListeningSockets.of(serverPids())).hasSizeGreaterThanOrEqualTo(4);
        assertThat(ListeningSockets.beyondLoopback(serverPids())).isEmpty();
    }

    private static List<Long> serverPids() {
        return List.of(servers.kafka().pid().orElseThrow(), servers.cassandra().pid().orElseThrow());
    }

    /** What describing the cluster with these client settings fails with (the root cause), or null when it works. */
    private static Throwable describeCluster(Map<String, ?> properties) {
        Map<String, Object> settings = new HashMap<>(properties);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(settings)) {
            admin.describeCluster().nodes().get(20, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
    }
}
