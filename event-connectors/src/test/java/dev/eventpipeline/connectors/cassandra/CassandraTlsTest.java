package dev.eventpipeline.connectors.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventpipeline.infra.security.CertificateAuthority;
import dev.eventpipeline.infra.security.CertificateAuthority.Usage;
import dev.eventpipeline.infra.security.CertificateFiles;
import java.io.IOException;
import java.io.InputStream;
import com.datastax.oss.driver.internal.core.metadata.DefaultEndPoint;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSLContext built from truststore and keystore files (made here by a CertificateAuthority), its problems
 * naming the option and never a password, and the driver's engines: hostname verification, mutual
 * TLS, an untrusted server, all through real handshakes against an in-memory server.
 */
class CassandraTlsTest {

    private static final String PASSWORD = "store-pass-4711";
    private static final String WRONG_PASSWORD = "wrong-pass-0815";

    @TempDir
    static Path dir;

    private static Path truststore;
    private static Path otherTruststore;
    private static Path server;
    private static Path client;
    private static Path strangerClient;

    @BeforeAll
    static void makeStores() {
        CertificateAuthority ca = CertificateAuthority.create("ca");
        CertificateAuthority otherCa = CertificateAuthority.create("other-ca");
        truststore = CertificateFiles.writeTruststore(dir.resolve("ca-trust.p12"), "ca", ca.certificate(), PASSWORD);
        otherTruststore = CertificateFiles.writeTruststore(dir.resolve("other-ca-trust.p12"), "other-ca",
                otherCa.certificate(), PASSWORD);
        server = CertificateFiles.writeKeystore(dir.resolve("node.p12"), "node",
                ca.issue("node", List.of("dns:localhost", "ip:127.0.0.1"), Usage.SERVER_AUTH), PASSWORD);
        client = CertificateFiles.writeKeystore(dir.resolve("job.p12"), "job",
                ca.issue("job", List.of(), Usage.CLIENT_AUTH), PASSWORD);
        strangerClient = CertificateFiles.writeKeystore(dir.resolve("stranger.p12"), "stranger",
                otherCa.issue("stranger", List.of(), Usage.CLIENT_AUTH), PASSWORD);
    }

    private static ImmutableCassandraTlsSettings.Builder trusting(Path store) {
        return CassandraTlsSettings.builder().truststorePath(store.toString()).truststorePassword(PASSWORD);
    }

    @Test
    void withoutStoresTheJvmDefaultContextIsUsedAsBefore() throws Exception {
        assertThat(CassandraTls.sslContext(CassandraTlsSettings.defaults())).isSameAs(SSLContext.getDefault());
        assertThat(CassandraTlsSettings.defaults().hostnameVerification()).isTrue();
        assertThat(CassandraTlsSettings.defaults().truststoreType()).isEqualTo("PKCS12");
    }

    @Test
    void trustsTheTruststoresCaAndVerifiesTheHostName() throws Exception {
        SSLContext context = CassandraTls.sslContext(trusting(truststore).build());

        handshake(context, true, "localhost", false);
        handshake(context, true, "127.0.0.1", false);
        assertThatThrownBy(() -> handshake(context, true, "cassandra.example", false))
                .isInstanceOf(SSLHandshakeException.class).hasStackTraceContaining("cassandra.example");
        // Off only when asked: then any name the CA signed for will do.
        handshake(context, false, "cassandra.example", false);
    }

    @Test
    void refusesAServerItsTruststoreDoesNotTrust() {
        SSLContext context = CassandraTls.sslContext(trusting(otherTruststore).build());

        assertThatThrownBy(() -> handshake(context, true, "localhost", false))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void presentsTheKeystoresKeyForMutualTls() throws Exception {
        SSLContext withKey = CassandraTls.sslContext(trusting(truststore)
                .keystorePath(client.toString()).keystorePassword(PASSWORD).build());
        SSLContext withoutKey = CassandraTls.sslContext(trusting(truststore).build());
        SSLContext withStrangersKey = CassandraTls.sslContext(trusting(truststore)
                .keystorePath(strangerClient.toString()).keystorePassword(PASSWORD).build());

        handshake(withKey, true, "localhost", true);
        assertThatThrownBy(() -> handshake(withoutKey, true, "localhost", true)).isInstanceOf(SSLHandshakeException.class);
        assertThatThrownBy(() -> handshake(withStrangersKey, true, "localhost", true))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void theEngineNamesTheHostAsGivenWithoutAReverseLookup() throws Exception {
        TlsEngineFactory options = TlsEngineFactory.of(trusting(truststore).build());
        DefaultEndPoint address = new DefaultEndPoint(
                new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 9042));

        SSLEngine engine = options.newSslEngine(address);

        assertThat(engine.getPeerHost()).isEqualTo("127.0.0.1");
        assertThat(engine.getPeerPort()).isEqualTo(9042);
        assertThat(engine.getUseClientMode()).isTrue();
        assertThat(engine.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
        assertThat(TlsEngineFactory.of(trusting(truststore).hostnameVerification(false).build())
                .newSslEngine(address).getSSLParameters().getEndpointIdentificationAlgorithm()).isNull();
    }

    @Test
    void aMissingStoreIsNamedByItsOption() {
        assertThat(CassandraTls.problems(trusting(dir.resolve("nope.p12")).build())).singleElement().asString()
                .startsWith("cassandra.ssl.truststore.path=" + dir.resolve("nope.p12") + " does not exist")
                .doesNotContain(PASSWORD);
        assertThat(CassandraTls.problems(trusting(truststore).keystorePath(dir.resolve("none.p12").toString())
                .keystorePassword(PASSWORD).build())).singleElement().asString()
                .startsWith("cassandra.ssl.keystore.path=").contains("does not exist");
        assertThat(CassandraTls.problems(trusting(dir).build())).singleElement().asString()
                .contains("cassandra.ssl.truststore.path", "is not a file");
    }

    @Test
    void aWrongPasswordIsNamedByItsOptionAndNeverShown() {
        List<String> problems = CassandraTls.problems(CassandraTlsSettings.builder()
                .truststorePath(truststore.toString()).truststorePassword(WRONG_PASSWORD)
                .keystorePath(client.toString()).keystorePassword(WRONG_PASSWORD).build());

        assertThat(problems).containsExactly(
                "cassandra.ssl.truststore.path=" + truststore + " does not open with cassandra.ssl.truststore.password: "
                        + "check the password",
                "cassandra.ssl.keystore.path=" + client + " does not open with cassandra.ssl.keystore.password: "
                        + "check the password");
        assertThatThrownBy(() -> CassandraTls.sslContext(CassandraTlsSettings.builder()
                .truststorePath(truststore.toString()).truststorePassword(WRONG_PASSWORD).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cassandra.ssl.truststore.password")
                .hasMessageNotContaining(WRONG_PASSWORD).hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aTruststoreWithoutItsPasswordShowsNoCertificateAndSaysSo() {
        assertThat(CassandraTls.problems(CassandraTlsSettings.builder().truststorePath(truststore.toString()).build()))
                .singleElement().asString()
                .isEqualTo("cassandra.ssl.truststore.path=" + truststore + " holds no certificate readable without a "
                        + "password: set cassandra.ssl.truststore.password");
    }

    @Test
    void wrongTypesAndWrongFilesAreNamed() throws IOException {
        assertThat(CassandraTls.problems(trusting(truststore).truststoreType("PKCS13").build())).singleElement()
                .asString().isEqualTo("cassandra.ssl.truststore.type=PKCS13 is not a store type this JVM knows: use "
                        + "PKCS12 (the default) or JKS");
        Path text = Files.writeString(dir.resolve("ca.txt"), "not a key store\n");
        assertThat(CassandraTls.problems(trusting(text).build())).singleElement().asString()
                .startsWith("cassandra.ssl.truststore.path=" + text + " is not a PKCS12 store")
                .endsWith("give a PKCS12 file or set cassandra.ssl.truststore.type");
        assertThat(CassandraTls.problems(trusting(truststore).keystorePath(truststore.toString())
                .keystorePassword(PASSWORD).build())).singleElement().asString()
                .startsWith("cassandra.ssl.keystore.path=" + truststore + " holds no private key");
    }

    @Test
    void passwordsAndPathsComeInPairs() {
        assertThat(CassandraTls.problems(CassandraTlsSettings.builder().truststorePassword("x").build()))
                .singleElement().asString().startsWith("cassandra.ssl.truststore.password is set but "
                        + "cassandra.ssl.truststore.path is not");
        assertThat(CassandraTls.problems(CassandraTlsSettings.builder().keystorePassword("x").build()))
                .singleElement().asString().startsWith("cassandra.ssl.keystore.password is set but "
                        + "cassandra.ssl.keystore.path is not");
        assertThat(CassandraTls.problems(CassandraTlsSettings.builder().keystorePath(client.toString()).build()))
                .singleElement().asString().startsWith("cassandra.ssl.keystore.path is set but "
                        + "cassandra.ssl.keystore.password is not");
    }

    @Test
    void theSettingsNeverShowAPassword() {
        CassandraTlsSettings tls = trusting(truststore).keystorePath(client.toString())
                .keystorePassword(PASSWORD).build();
        CassandraSinkSettings sink = CassandraSinkSettings.builder().contactPoints(List.of("db1"))
                .username("job").password(PASSWORD).ssl(true).tls(tls).build();

        assertThat(tls.toString()).contains(truststore.toString()).doesNotContain(PASSWORD);
        assertThat(sink.toString()).contains("ssl=true", "job").doesNotContain(PASSWORD);
    }

    /** A handshake of the driver's engine for {@code host} with a server holding {@code server}'s key. */
    private static void handshake(SSLContext clientContext, boolean verifyHostname, String host, boolean needClientAuth)
            throws Exception {
        SSLEngine clientEngine = new TlsEngineFactory(clientContext, verifyHostname)
                .newSslEngine(new DefaultEndPoint(InetSocketAddress.createUnresolved(host, 9042)));
        SSLEngine serverEngine = serverContext().createSSLEngine();
        serverEngine.setUseClientMode(false);
        serverEngine.setNeedClientAuth(needClientAuth);
        InMemoryHandshake.run(clientEngine, serverEngine);
    }

    private static SSLContext serverContext() throws Exception {
        char[] password = PASSWORD.toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(server)) {
            keys.load(in, password);
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(truststore)) {
            trusted.load(in, password);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }
}
