package dev.eventpipeline.infra.security;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made in memory, in-process: it signs certificates for TLS servers and clients
 * and is gone with this object, since its private key is never written anywhere. BouncyCastle only
 * assembles the certificates; keys, signatures and parsing are the JDK's own providers, so no security
 * provider is installed. Keys are EC P-256 with SHA-256 signatures: every current TLS peer takes them, and
 * one is made in milliseconds where an RSA key takes up to a second on a busy machine.
 */
public final class CertificateAuthority {

    /** What an issued certificate may be used for (its extended key usage). */
    public enum Usage {
        SERVER_AUTH(KeyPurposeId.id_kp_serverAuth),
        CLIENT_AUTH(KeyPurposeId.id_kp_clientAuth);

        private final KeyPurposeId purpose;

        Usage(KeyPurposeId purpose) {
            this.purpose = purpose;
        }
    }

    /** As long as the keytool-made certificates were valid: a local stack keeps its files for a long time. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(825);

    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final Duration validity;

    private CertificateAuthority(PrivateKey key, X509Certificate certificate, Duration validity) {
        this.key = key;
        this.certificate = certificate;
        this.validity = validity;
    }

    /** A new self-signed CA named {@code CN=<commonName>}, valid for {@link #DEFAULT_VALIDITY}. */
    public static CertificateAuthority create(String commonName) {
        return create(commonName, DEFAULT_VALIDITY);
    }

    public static CertificateAuthority create(String commonName, Duration validity) {
        KeyPair keys = newKeyPair();
        X500Name name = commonName(commonName);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(name, name, keys.getPublic(), validity)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new CertificateAuthority(keys.getPrivate(), sign(builder, keys.getPrivate()), validity);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("Could not create the CA " + commonName, e);
        }
    }

    /** The CA's own certificate: what a truststore holds. */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * A new key and its certificate {@code CN=<commonName>}, signed by this CA. {@code subjectAlternativeNames}
     * are {@code "dns:<name>"} or {@code "ip:<address>"} (as keytool writes them); with no {@code usages} the
     * certificate has no extended key usage and so serves any purpose.
     */
    public IssuedCertificate issue(String commonName, List<String> subjectAlternativeNames, Usage... usages) {
        KeyPair keys = newKeyPair();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(X500Name.getInstance(
                    certificate.getSubjectX500Principal().getEncoded()), commonName(commonName), keys.getPublic(), validity)
                    .addExtension(Extension.basicConstraints, false, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(certificate));
            if (!subjectAlternativeNames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                        subjectAlternativeNames.stream().map(CertificateAuthority::generalName).toArray(GeneralName[]::new)));
            }
            if (usages.length > 0) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        Arrays.stream(usages).map(usage -> usage.purpose).toArray(KeyPurposeId[]::new)));
            }
            return new IssuedCertificate(keys.getPrivate(), List.of(sign(builder, key), certificate));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("Could not issue a certificate for " + commonName, e);
        }
    }

    @Override
    public String toString() {
        return "CertificateAuthority " + certificate.getSubjectX500Principal().getName();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key,
            Duration validity) {
        // A minute back, so a peer whose clock is a little behind still takes a certificate made just now.
        Instant notBefore = Instant.now().minus(Duration.ofMinutes(1));
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, RANDOM), Date.from(notBefore),
                Date.from(notBefore.plus(validity)), subject, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("Could not sign with " + SIGNATURE_ALGORITHM, e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot make EC P-256 keys", e);
        }
    }

    private static X500Name commonName(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    private static GeneralName generalName(String subjectAlternativeName) {
        int colon = subjectAlternativeName.indexOf(':');
        String type = colon < 0 ? "" : subjectAlternativeName.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = subjectAlternativeName.substring(colon + 1);
        return switch (type) {
            case "dns" -> new GeneralName(GeneralName.dNSName, value);
            case "ip" -> new GeneralName(GeneralName.iPAddress, value);
            default -> throw new IllegalArgumentException("subject alternative name " + subjectAlternativeName
                    + " is neither dns:<name> nor ip:<address>");
        };
    }
}
