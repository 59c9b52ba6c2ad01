package dev.eventpipeline.infra.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * Writes keys and certificates as PKCS12 stores and PEM, each file owner-only (mode 600) from its first
 * byte. A PKCS12 store's key and certificates are both protected by its one password, as keytool does it.
 */
public final class CertificateFiles {

    public static final String STORE_TYPE = "PKCS12";

    private CertificateFiles() {}

    /** A keystore holding {@code issued}'s key and chain under {@code alias}; the key has the store's password. */
    public static Path writeKeystore(Path file, String alias, IssuedCertificate issued, String password) {
        return write(file, password, store -> store.setKeyEntry(alias, issued.privateKey(), password.toCharArray(),
                issued.chain().toArray(Certificate[]::new)));
    }

    /** A truststore holding {@code certificate} (a CA's) under {@code alias}. */
    public static Path writeTruststore(Path file, String alias, X509Certificate certificate, String password) {
        return write(file, password, store -> store.setCertificateEntry(alias, certificate));
    }

    /** {@code certificate} in PEM ({@code -----BEGIN CERTIFICATE-----}), for clients that take no PKCS12. */
    public static Path writePem(Path file, X509Certificate certificate) {
        try {
            String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded());
            return OwnerOnlyFiles.write(file, "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encode the certificate for " + file, e);
        }
    }

    private interface Entries {
        void addTo(KeyStore store) throws GeneralSecurityException;
    }

    private static Path write(Path file, String password, Entries entries) {
        try {
            KeyStore store = KeyStore.getInstance(STORE_TYPE);
            store.load(null, null);
            entries.addTo(store);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            store.store(bytes, password.toCharArray());
            return OwnerOnlyFiles.write(file, bytes.toByteArray());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Could not make the store " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }
}
