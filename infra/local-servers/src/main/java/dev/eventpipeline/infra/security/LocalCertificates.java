package dev.eventpipeline.infra.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A throwaway certificate authority and what the secured local stack needs from it, all PKCS12 and made
 * with the JDK's keytool: the servers' keystore (a certificate for {@link LocalSecurity#serverNames()},
 * usable for server and client authentication, so Kafka's broker can also present it to its controller),
 * a client keystore for mutual TLS, and a truststore holding only the CA. The CA's private key is deleted
 * once it has signed both: nothing else can ever be issued under it.
 */
final class LocalCertificates {

    static final String CA_CERTIFICATE = "ca.crt";
    static final String SERVER_KEYSTORE = "server-keystore.p12";
    static final String CLIENT_KEYSTORE = "client-keystore.p12";
    static final String TRUSTSTORE = "truststore.p12";

    private static final String VALIDITY_DAYS = "825";

    private LocalCertificates() {}

    /** Creates the stores in {@code dir} unless all are there (a partial set from a failed run is replaced). */
    static void ensure(Path dir, LocalSecurity security, String storePassword) {
        List<Path> outputs = List.of(dir.resolve(CA_CERTIFICATE), dir.resolve(SERVER_KEYSTORE),
                dir.resolve(CLIENT_KEYSTORE), dir.resolve(TRUSTSTORE));
        if (outputs.stream().allMatch(Files::isRegularFile)) {
            return;
        }
        Path scratch = dir.resolve("ca-scratch");
        try {
            for (Path output : outputs) {
                Files.deleteIfExists(output);
            }
            OwnerOnlyFiles.directory(scratch);
            Keytool keytool = new Keytool(scratch, storePassword);
            Path caStore = scratch.resolve("ca.p12");
            keytool.run("-genkeypair", caStore, "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048",
                    "-dname", "CN=event-pipeline local CA (throwaway)", "-ext", "bc:c", "-validity", VALIDITY_DAYS);
            keytool.run("-exportcert", caStore, "-alias", "ca", "-rfc", "-file", dir.resolve(CA_CERTIFICATE).toString());
            keytool.run("-importcert", dir.resolve(TRUSTSTORE), "-alias", "ca", "-noprompt",
                    "-file", dir.resolve(CA_CERTIFICATE).toString());
            issue(keytool, caStore, dir, dir.resolve(SERVER_KEYSTORE), "server", "CN=event-pipeline local server",
                    "SAN=" + String.join(",", security.serverNames()), "EKU=serverAuth,clientAuth");
            issue(keytool, caStore, dir, dir.resolve(CLIENT_KEYSTORE), "client", "CN=event-pipeline local client",
                    null, "EKU=clientAuth");
            for (Path output : outputs) {
                OwnerOnlyFiles.restrict(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the certificates under " + dir, e);
        } finally {
            deleteTree(scratch);
        }
    }

    /** A key pair in {@code store}, its certificate signed by the CA and imported with the CA as its chain. */
    private static void issue(Keytool keytool, Path caStore, Path dir, Path store, String alias, String subject,
            String subjectAlternativeNames, String extendedKeyUsage) {
        Path request = caStore.resolveSibling(alias + ".csr");
        Path certificate = caStore.resolveSibling(alias + ".crt");
        keytool.run("-genkeypair", store, "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-dname", subject,
                "-validity", VALIDITY_DAYS);
        keytool.run("-certreq", store, "-alias", alias, "-file", request.toString());
        List<String> signing = new java.util.ArrayList<>(List.of("-alias", "ca", "-infile", request.toString(),
                "-outfile", certificate.toString(), "-rfc", "-validity", VALIDITY_DAYS,
                "-ext", "KU=digitalSignature,keyEncipherment", "-ext", extendedKeyUsage));
        if (subjectAlternativeNames != null) {
            signing.addAll(List.of("-ext", subjectAlternativeNames));
        }
        keytool.run("-gencert", caStore, signing.toArray(String[]::new));
        keytool.run("-importcert", store, "-alias", "ca", "-noprompt", "-file", dir.resolve(CA_CERTIFICATE).toString());
        keytool.run("-importcert", store, "-alias", alias, "-file", certificate.toString());
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
            Files.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + dir, e);
        }
    }
}
