package dev.eventpipeline.infra.security;

import static dev.eventpipeline.infra.security.StoresForTests.load;
import static dev.eventpipeline.infra.security.StoresForTests.parsePem;
import static dev.eventpipeline.infra.security.StoresForTests.validate;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackSecurityTest {

    @TempDir
    Path workDir;

    @Test
    void createsOwnerOnlyStoresAndCredentialsOnceAndKeepsThem() throws Exception {
        StackSecurity security = StackSecurity.under(workDir, LocalSecurity.standard()).ensureCreated();
        LocalCredentials first = security.credentials();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(security.directory()))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(security.directory())) {
            assertThat(files.map(Path::getFileName).map(Path::toString))
                    .containsExactlyInAnyOrder("ca.crt", "truststore.p12", "server-keystore.p12", "client-keystore.p12",
                            "credentials.properties");
        }
        for (Path file : List.of(security.caCertificate(), security.truststore(), security.serverKeystore(),
                security.clientKeystore(), security.credentialsFile())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString()).isEqualTo("rw-------");
        }
        assertThat(List.of(first.kafkaAdmin(), first.kafkaPipeline(), first.cassandraAdmin(), first.cassandraWriter(),
                first.cassandraReader())).allSatisfy(credential -> assertThat(credential.password()).hasSize(24))
                .extracting(Credential::password).doesNotHaveDuplicates();

        LocalCredentials again = StackSecurity.under(workDir, LocalSecurity.standard()).ensureCreated().credentials();
        assertThat(again).isEqualTo(first);
    }

    @Test
    void theServerCertificateNamesWhatTheSettingsSayAndIsSignedByTheCa() throws Exception {
        StackSecurity security = StackSecurity.under(workDir, LocalSecurity.standard().withServerNames("dns:elsewhere.invalid"))
                .ensureCreated();
        char[] password = security.credentials().storePassword().toCharArray();

        X509Certificate server = (X509Certificate) load(security.serverKeystore(), password).getCertificate("server");
        X509Certificate ca = (X509Certificate) load(security.truststore(), password).getCertificate("ca");

        assertThat(server.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1)))).containsExactly("elsewhere.invalid");
        server.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(server.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        validate(server, ca);
    }

    @Test
    void theStandardServerCertificateNamesLoopbackAndTheClientCertificateOnlyAuthenticatesClients() throws Exception {
        StackSecurity security = StackSecurity.under(workDir, LocalSecurity.standard().withMutualTls()).ensureCreated();
        char[] password = security.credentials().storePassword().toCharArray();
        X509Certificate ca = (X509Certificate) load(security.truststore(), password).getCertificate("ca");
        KeyStore serverKeys = load(security.serverKeystore(), password);
        KeyStore clientKeys = load(security.clientKeystore(), password);

        assertThat(((X509Certificate) serverKeys.getCertificate("server")).getSubjectAlternativeNames())
                .containsExactly(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        X509Certificate client = (X509Certificate) clientKeys.getCertificate("client");
        assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(client.getSubjectAlternativeNames()).isNull();
        assertThat(clientKeys.getKey("client", password)).isNotNull();
        validate((X509Certificate) serverKeys.getCertificate("server"), ca);
        validate((X509Certificate) clientKeys.getCertificate("client"), ca);
        assertThat(parsePem(security.caCertificate())).isEqualTo(ca);
    }

    @Test
    void aPartialSetOfCertificatesIsReplacedWhole() throws Exception {
        StackSecurity security = StackSecurity.under(workDir, LocalSecurity.standard()).ensureCreated();
        byte[] firstCa = Files.readAllBytes(security.caCertificate());
        byte[] firstTruststore = Files.readAllBytes(security.truststore());

        StackSecurity.under(workDir, LocalSecurity.standard()).ensureCreated();
        assertThat(Files.readAllBytes(security.caCertificate())).as("a complete set is kept").isEqualTo(firstCa);
        assertThat(Files.readAllBytes(security.truststore())).isEqualTo(firstTruststore);

        Files.delete(security.clientKeystore());
        StackSecurity again = StackSecurity.under(workDir, LocalSecurity.standard()).ensureCreated();
        char[] password = again.credentials().storePassword().toCharArray();
        X509Certificate ca = (X509Certificate) load(again.truststore(), password).getCertificate("ca");

        assertThat(Files.readAllBytes(again.caCertificate())).as("a new CA").isNotEqualTo(firstCa);
        validate((X509Certificate) load(again.serverKeystore(), password).getCertificate("server"), ca);
        validate((X509Certificate) load(again.clientKeystore(), password).getCertificate("client"), ca);
        try (Stream<Path> files = Files.list(again.directory())) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).as("no CA key left behind")
                    .containsExactlyInAnyOrder("ca.crt", "truststore.p12", "server-keystore.p12", "client-keystore.p12",
                            "credentials.properties");
        }
    }

    @Test
    void clientSettingsHoldTheSecretsButToStringNeverShowsThem() {
        StackSecurity security = StackSecurity.under(workDir, LocalSecurity.standard().withMutualTls()).ensureCreated();
        LocalCredentials credentials = security.credentials();

        assertThat(security.kafkaPipelineProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", security.truststore().toString())
                .containsEntry("ssl.keystore.location", security.clientKeystore().toString());
        assertThat(security.kafkaPipelineProperties().get("sasl.jaas.config")).contains(credentials.kafkaPipeline().password());
        assertThat(security.jobSettings()).containsEntry("cassandra.username", LocalCredentials.CASSANDRA_WRITER_ROLE)
                .containsEntry("cassandra.ssl.keystore.path", security.clientKeystore().toString())
                .containsKey("kafka.property.sasl.jaas.config");

        String shown = credentials + " " + credentials.kafkaPipeline() + " " + security;
        assertThat(shown).doesNotContain(credentials.kafkaPipeline().password(), credentials.storePassword());
    }

    @Test
    void theJobConfigFileIsOwnerOnly() throws Exception {
        StackSecurity security = StackSecurity.under(workDir, LocalSecurity.standard()).ensureCreated();

        Path file = security.writeJobConfig();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("cassandra.password=" + security.credentials().cassandraWriter().password());
    }
}
