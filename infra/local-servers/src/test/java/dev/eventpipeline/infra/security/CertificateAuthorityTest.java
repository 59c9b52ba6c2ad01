package dev.eventpipeline.infra.security;

import static dev.eventpipeline.infra.security.StoresForTests.load;
import static dev.eventpipeline.infra.security.StoresForTests.parsePem;
import static dev.eventpipeline.infra.security.StoresForTests.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventpipeline.infra.security.CertificateAuthority.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertPathValidatorException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String PASSWORD = "store-pass-4711";

    private static final CertificateAuthority CA = CertificateAuthority.create("test CA");

    @TempDir
    Path dir;

    @Test
    void anIssuedChainValidatesToItsCaWithTheJdksPkixValidator() throws Exception {
        IssuedCertificate server = CA.issue("node", List.of("dns:localhost", "ip:127.0.0.1"), Usage.SERVER_AUTH,
                Usage.CLIENT_AUTH);

        validate(server.certificate(), CA.certificate());
        assertThat(server.chain()).hasSize(2).last().isEqualTo(CA.certificate());
        assertThat(server.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=node");
        assertThat(server.certificate().getIssuerX500Principal()).isEqualTo(CA.certificate().getSubjectX500Principal());
        assertThat(server.certificate().getSubjectAlternativeNames())
                .containsExactly(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(server.certificate().getExtendedKeyUsage()).containsExactly(SERVER_AUTH, CLIENT_AUTH);
        assertThat(server.certificate().getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(server.certificate().getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(CA.certificate().getBasicConstraints()).as("a CA").isGreaterThanOrEqualTo(0);
        assertThat(CA.certificate().getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(server.privateKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void aCertificateOfAnotherCaDoesNotValidate() {
        IssuedCertificate stranger = CertificateAuthority.create("other CA").issue("stranger", List.of(), Usage.CLIENT_AUTH);

        assertThatThrownBy(() -> validate(stranger.certificate(), CA.certificate()))
                .isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void withoutNamesOrUsagesTheCertificateHasNeither() throws Exception {
        IssuedCertificate client = CA.issue("job", List.of(), Usage.CLIENT_AUTH);
        IssuedCertificate any = CA.issue("any", List.of());

        validate(client.certificate(), CA.certificate());
        assertThat(client.certificate().getSubjectAlternativeNames()).isNull();
        assertThat(client.certificate().getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(any.certificate().getExtendedKeyUsage()).isNull();
        assertThat(client.certificate().getSerialNumber()).isNotEqualTo(any.certificate().getSerialNumber());
    }

    @Test
    void namesOtherThanDnsAndIpAreRefused() {
        assertThatThrownBy(() -> CA.issue("x", List.of("email:someone@example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("email:someone@example.com");
        assertThatThrownBy(() -> CA.issue("x", List.of("localhost"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFilesAreOwnerOnlyAndOpenOnlyWithTheirPassword() throws Exception {
        IssuedCertificate server = CA.issue("node", List.of("dns:localhost"), Usage.SERVER_AUTH);
        Path keystore = CertificateFiles.writeKeystore(dir.resolve("node.p12"), "node", server, PASSWORD);
        Path truststore = CertificateFiles.writeTruststore(dir.resolve("trust.p12"), "ca", CA.certificate(), PASSWORD);
        Path pem = CertificateFiles.writePem(dir.resolve("ca.crt"), CA.certificate());

        for (Path file : List.of(keystore, truststore, pem)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------");
        }
        KeyStore keys = load(keystore, PASSWORD.toCharArray());
        assertThat(keys.isKeyEntry("node")).isTrue();
        assertThat(keys.getKey("node", PASSWORD.toCharArray())).isEqualTo(server.privateKey());
        assertThat(keys.getCertificateChain("node")).containsExactly(server.certificate(), CA.certificate());
        KeyStore trusted = load(truststore, PASSWORD.toCharArray());
        assertThat(trusted.isCertificateEntry("ca")).isTrue();
        assertThat(trusted.getCertificate("ca")).isEqualTo(CA.certificate());
        assertThatThrownBy(() -> load(truststore, "wrong-pass-0815".toCharArray())).isInstanceOf(IOException.class);

        String text = Files.readString(pem);
        assertThat(text).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("\n-----END CERTIFICATE-----\n");
        assertThat(parsePem(pem)).isEqualTo(CA.certificate());
    }

    @Test
    void anIssuedKeyIsNeverShown() {
        IssuedCertificate client = CA.issue("job", List.of(), Usage.CLIENT_AUTH);

        assertThat(client.toString()).isEqualTo("IssuedCertificate CN=job");
        assertThat(CA.toString()).isEqualTo("CertificateAuthority CN=test CA");
    }
}
