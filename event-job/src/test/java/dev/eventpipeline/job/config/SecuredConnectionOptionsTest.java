package dev.eventpipeline.job.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The options for secured clusters: Cassandra TLS (only with cassandra.ssl=true, files checked at
 * start), the password from a file or the environment, and the dead-letter producer's Kafka
 * properties. Every refusal names the key and the fix and shows no secret.
 */
class SecuredConnectionOptionsTest {

    private static final String SECRET = "Zq-secret-0451";

    @TempDir
    Path dir;

    private static List<String> problemsOf(Map<String, String> environment, String... args) {
        try {
            PipelineConfig.load(args, environment);
        } catch (InvalidConfigurationException e) {
            assertThat(e.getMessage()).doesNotContain(SECRET);
            return e.problems();
        }
        throw new AssertionError("expected the configuration to be refused");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "cassandra.ssl.truststore.path, /etc/pki/cassandra-trust.p12",
        "cassandra.ssl.truststore.password, " + SECRET,
        "cassandra.ssl.truststore.type, JKS",
        "cassandra.ssl.keystore.path, /etc/pki/job.p12",
        "cassandra.ssl.keystore.password, " + SECRET,
        "cassandra.ssl.keystore.type, JKS",
        "cassandra.ssl.hostname-verification, false",
    })
    void tlsOptionsWithoutTlsAreRefusedNamingTheKeyAndTheFix(String key, String value) {
        assertThat(problemsOf(Map.of(), "--" + key, value)).singleElement().asString()
                .isEqualTo(key + " is set (from --" + key + ") but cassandra.ssl is false: set cassandra.ssl=true to "
                        + "use it, or remove " + key);
    }

    @Test
    void tlsWithoutStoresUsesTheJvmDefaultsAndVerifiesHostNames() throws Exception {
        PipelineConfig config = PipelineConfig.load(new String[] {"--cassandra.ssl", "true"}, Map.of());

        assertThat(config.cassandra().ssl()).isTrue();
        assertThat(config.cassandra().tls().truststorePath()).isEmpty();
        assertThat(config.cassandra().tls().hostnameVerification()).isTrue();
        assertThat(PipelineConfig.load(new String[] {"--cassandra.ssl", "true",
            "--cassandra.ssl.hostname-verification", "false"}, Map.of()).cassandra().tls().hostnameVerification())
                .isFalse();
    }

    @Test
    void theStoresAreOpenedAtStartAndProblemsNameTheOption() throws Exception {
        Path notAStore = Files.writeString(dir.resolve("trust.p12"), "not a key store");

        assertThat(problemsOf(Map.of("EVENT_PIPELINE_CASSANDRA_SSL_TRUSTSTORE_PASSWORD", SECRET),
                "--cassandra.ssl", "true", "--cassandra.ssl.truststore.path", notAStore.toString()))
                .singleElement().asString()
                .startsWith("cassandra.ssl.truststore.path=" + notAStore + " is not a PKCS12 store");
        assertThat(problemsOf(Map.of(), "--cassandra.ssl", "true", "--cassandra.ssl.keystore.path",
                dir.resolve("missing.p12").toString(), "--cassandra.ssl.keystore.password", SECRET))
                .singleElement().asString().startsWith("cassandra.ssl.keystore.path=" + dir.resolve("missing.p12")
                        + " does not exist");
        assertThat(problemsOf(Map.of(), "--cassandra.ssl", "true", "--cassandra.ssl.truststore.type", "JKS"))
                .singleElement().asString().isEqualTo("cassandra.ssl.truststore.type is set but "
                        + "cassandra.ssl.truststore.path is not: set the store's path, or remove "
                        + "cassandra.ssl.truststore.type");
    }

    @Test
    void thePasswordComesFromTheEnvironment() throws Exception {
        PipelineConfig config = PipelineConfig.load(new String[] {"--cassandra.username", "job"},
                Map.of("EVENT_PIPELINE_CASSANDRA_PASSWORD", SECRET));

        assertThat(config.cassandra().password()).contains(SECRET);
        assertThat(JobOptions.CASSANDRA_PASSWORD.environmentVariable()).isEqualTo("EVENT_PIPELINE_CASSANDRA_PASSWORD");
        assertThat(config.toString()).doesNotContain(SECRET);
    }

    static Stream<Arguments> passwordFiles() {
        return Stream.of(
                Arguments.of("no newline", SECRET, SECRET),
                Arguments.of("one newline", SECRET + "\n", SECRET),
                Arguments.of("CRLF", SECRET + "\r\n", SECRET),
                Arguments.of("only the last of two newlines", SECRET + "\n\n", SECRET + "\n"),
                Arguments.of("surrounding spaces kept", " " + SECRET + " ", " " + SECRET + " "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("passwordFiles")
    void thePasswordFileIsTheContentWithoutOneTrailingNewline(String name, String content, String password)
            throws Exception {
        Path file = Files.writeString(dir.resolve("cassandra-password"), content);

        PipelineConfig config = PipelineConfig.load(new String[] {"--cassandra.username", "job",
            "--cassandra.password-file", file.toString()}, Map.of());

        assertThat(config.cassandra().password()).contains(password);
    }

    @Test
    void passwordFileProblemsNameThePathNeverTheContent() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        Path file = Files.writeString(dir.resolve("password"), SECRET + "\n");

        assertThat(problemsOf(Map.of(), "--cassandra.username", "job", "--cassandra.password-file", empty.toString()))
                .singleElement().asString().startsWith("cassandra.password-file='" + empty + "'")
                .contains("is empty: write the password into it");
        assertThat(problemsOf(Map.of("EVENT_PIPELINE_CASSANDRA_PASSWORD", SECRET), "--cassandra.username", "job",
                "--cassandra.password-file", file.toString()))
                .singleElement().asString().isEqualTo("cassandra.password (from EVENT_PIPELINE_CASSANDRA_PASSWORD) and "
                        + "cassandra.password-file (from --cassandra.password-file) are both set: keep one");
        assertThat(problemsOf(Map.of(), "--cassandra.password-file", file.toString())).singleElement().asString()
                .isEqualTo("cassandra.password-file is set but cassandra.username is not: set both for password "
                        + "authentication, or neither");
    }

    @Test
    void theDeadLetterProducerUsesTheSourcesSecurityUnlessToldOtherwise() throws Exception {
        String sourceJaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"job\" "
                + "password=\"" + SECRET + "\";";
        String producerJaas = sourceJaas.replace("\"job\"", "\"dlq-writer\"");
        String[] shared = {"--kafka.property.security.protocol", "SASL_SSL",
            "--kafka.property.sasl.mechanism", "SCRAM-SHA-512", "--kafka.property.sasl.jaas.config", sourceJaas,
            "--kafka.property.ssl.keystore.location", "/etc/pki/job.p12"};

        PipelineConfig inherited = PipelineConfig.load(shared, Map.of());
        List<String> overriding = new ArrayList<>(List.of(shared));
        overriding.addAll(List.of("--dlq.property.ssl.keystore.location", ""));
        PipelineConfig overridden = PipelineConfig.load(overriding.toArray(String[]::new),
                Map.of("EVENT_PIPELINE_DLQ_PROPERTY_SASL_JAAS_CONFIG", producerJaas));

        assertThat(inherited.deadLetters().clientProperties()).isEqualTo(inherited.kafka().clientProperties());
        assertThat(overridden.deadLetters().clientProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", producerJaas)
                .doesNotContainKey("ssl.keystore.location");
        assertThat(overridden.kafka().clientProperties()).containsEntry("sasl.jaas.config", sourceJaas)
                .containsEntry("ssl.keystore.location", "/etc/pki/job.p12");
        assertThat(overridden.toString()).contains("security.protocol=SASL_SSL").doesNotContain(SECRET);
    }

    @Test
    void aMistypedKeyNeverEchoesItsValue() {
        assertThat(problemsOf(Map.of(), "--cassandra.pasword", SECRET)).singleElement().asString()
                .isEqualTo("unknown key 'cassandra.pasword' (from --cassandra.pasword; its value is not shown); "
                        + "did you mean cassandra.password?");
        assertThat(problemsOf(Map.of(), "--cassandra.ssl.truststore.pasword=" + SECRET)).singleElement().asString()
                .contains("unknown key 'cassandra.ssl.truststore.pasword'", "cassandra.ssl.truststore.password?");
        assertThat(problemsOf(Map.of(), "-cassandra.password=" + SECRET)).singleElement().asString()
                .isEqualTo("argument '-cassandra.password=...' is not an option: options look like --key value or "
                        + "--key=value");
        assertThat(problemsOf(Map.of(), "-cassandra.password", SECRET)).hasSize(2)
                .contains("argument 2 is not an option (not shown: it may be a secret): options look like --key value "
                        + "or --key=value");
    }
}
