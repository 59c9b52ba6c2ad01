package dev.eventpipeline.infra.security;

import dev.eventpipeline.infra.security.CertificateAuthority.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A throwaway certificate authority and what the secured local stack needs from it, all PKCS12 with the
 * one store password: the servers' keystore (a certificate for {@link LocalSecurity#serverNames()}, usable
 * for server and client authentication, so Kafka's broker can also present it to its controller), a client
 * keystore for mutual TLS, a truststore holding only the CA, and the CA's certificate as PEM. The CA lives
 * only in memory while it signs both: its private key is never written, so nothing else can be issued under it.
 */
final class LocalCertificates {

    static final String CA_CERTIFICATE = "ca.crt";
    static final String SERVER_KEYSTORE = "server-keystore.p12";
    static final String CLIENT_KEYSTORE = "client-keystore.p12";
    static final String TRUSTSTORE = "truststore.p12";

    static final String CA_ALIAS = "ca";
    static final String SERVER_ALIAS = "server";
    static final String CLIENT_ALIAS = "client";

    private LocalCertificates() {}

    /** Creates the files in {@code dir} unless all are there (a partial set from a failed run is replaced). */
    static void ensure(Path dir, LocalSecurity security, String storePassword) {
        List<Path> outputs = List.of(dir.resolve(CA_CERTIFICATE), dir.resolve(SERVER_KEYSTORE),
                dir.resolve(CLIENT_KEYSTORE), dir.resolve(TRUSTSTORE));
        if (outputs.stream().allMatch(Files::isRegularFile)) {
            return;
        }
        try {
            for (Path output : outputs) {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not replace the certificates under " + dir, e);
        }
        CertificateAuthority ca = CertificateAuthority.create("event-pipeline local CA (throwaway)");
        CertificateFiles.writeKeystore(dir.resolve(SERVER_KEYSTORE), SERVER_ALIAS,
                ca.issue("event-pipeline local server", security.serverNames(), Usage.SERVER_AUTH, Usage.CLIENT_AUTH),
                storePassword);
        CertificateFiles.writeKeystore(dir.resolve(CLIENT_KEYSTORE), CLIENT_ALIAS,
                ca.issue("event-pipeline local client", List.of(), Usage.CLIENT_AUTH), storePassword);
        CertificateFiles.writeTruststore(dir.resolve(TRUSTSTORE), CA_ALIAS, ca.certificate(), storePassword);
        // Last: the set counts as complete only once every file is there.
        CertificateFiles.writePem(dir.resolve(CA_CERTIFICATE), ca.certificate());
    }
}
