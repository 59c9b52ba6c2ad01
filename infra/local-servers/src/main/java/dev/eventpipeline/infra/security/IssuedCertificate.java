package dev.eventpipeline.infra.security;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private key and its certificate chain, the key's own certificate first and the CA's last: what a
 * keystore's key entry holds. {@link #toString()} never shows the key.
 */
public record IssuedCertificate(PrivateKey privateKey, List<X509Certificate> chain) {

    public IssuedCertificate {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a key needs its certificate");
        }
    }

    /** The key's own certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    @Override
    public String toString() {
        return "IssuedCertificate " + certificate().getSubjectX500Principal().getName();
    }
}
