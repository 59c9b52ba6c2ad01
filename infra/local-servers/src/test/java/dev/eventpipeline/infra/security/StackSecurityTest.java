package dev.eventpipeline.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
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

    private static KeyStore load(Path store, char[] password) throws Exception {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password);
            return keyStore;
        }
    }
}
