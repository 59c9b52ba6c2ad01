package dev.eventpipeline.connectors.cassandra;

import dev.eventpipeline.connectors.secrets.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the {@link SSLContext} for TLS to Cassandra from {@link CassandraTlsSettings}, with the JDK's
 * own KeyStore, TrustManagerFactory and KeyManagerFactory: the one place for it, used by the writer's
 * driver, the start-up checks and any other client that connects as the job does. Checks the files as
 * it goes (there, readable, opening with their password, holding what they must); every problem names
 * the option to fix and never a password.
 */
public final class CassandraTls {

    public static final String TRUSTSTORE_PATH = "cassandra.ssl.truststore.path";
    public static final String TRUSTSTORE_PASSWORD = "cassandra.ssl.truststore.password";
    public static final String TRUSTSTORE_TYPE = "cassandra.ssl.truststore.type";
    public static final String KEYSTORE_PATH = "cassandra.ssl.keystore.path";
    public static final String KEYSTORE_PASSWORD = "cassandra.ssl.keystore.password";
    public static final String KEYSTORE_TYPE = "cassandra.ssl.keystore.type";
    public static final String HOSTNAME_VERIFICATION = "cassandra.ssl.hostname-verification";

    private CassandraTls() {}

    /**
     * The context the settings describe: the JVM's default one when they name no store (as the
     * driver's own {@code withSSL()}), else one trusting the truststore's certificates and presenting
     * the keystore's key.
     *
     * @throws IllegalArgumentException listing every problem found, each naming its option
     */
    public static SSLContext sslContext(CassandraTlsSettings tls) {
        List<String> problems = new ArrayList<>();
        Optional<SSLContext> context = build(tls, problems);
        if (!problems.isEmpty() || context.isEmpty()) {
            throw new IllegalArgumentException("Cassandra TLS settings: " + String.join("; ", problems));
        }
        return context.get();
    }

    /**
     * A client engine of {@code context} for the host as given in {@code address} (a contact point's name as
     * written, or a peer's address as the cluster advertises it; never a reverse lookup), with hostname
     * verification ("HTTPS" endpoint identification) when asked: both drivers' TLS use it.
     */
    public static SSLEngine clientEngine(SSLContext context, InetSocketAddress address, boolean hostnameVerification) {
        SSLEngine engine = address == null
                ? context.createSSLEngine()
                : context.createSSLEngine(address.getHostString(), address.getPort());
        engine.setUseClientMode(true);
        if (hostnameVerification) {
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
        }
        return engine;
    }

    /** Every problem with the settings and their files, each naming its option and fix; empty when usable. */
    public static List<String> problems(CassandraTlsSettings tls) {
        List<String> problems = new ArrayList<>();
        build(tls, problems);
        return Collections.unmodifiableList(problems);
    }

    private static Optional<SSLContext> build(CassandraTlsSettings tls, List<String> problems) {
        if (tls.truststorePassword().isPresent() && tls.truststorePath().isEmpty()) {
            problems.add(TRUSTSTORE_PASSWORD + " is set but " + TRUSTSTORE_PATH + " is not: set the truststore's path, "
                    + "or remove the password to trust the JVM's default trust store");
        }
        if (tls.keystorePassword().isPresent() && tls.keystorePath().isEmpty()) {
            problems.add(KEYSTORE_PASSWORD + " is set but " + KEYSTORE_PATH + " is not: set the keystore's path for "
                    + "mutual TLS, or remove the password");
        }
        if (tls.keystorePath().isPresent() && tls.keystorePassword().isEmpty()) {
            problems.add(KEYSTORE_PATH + " is set but " + KEYSTORE_PASSWORD + " is not: set the keystore's password "
                    + "(cassandra.ssl.keystore.password, from the properties file or the environment)");
        }
        Optional<TrustManager[]> trust = tls.truststorePath().flatMap(path -> trustManagers(path, tls, problems));
        Optional<KeyManager[]> keys = tls.keystorePath().isPresent() && tls.keystorePassword().isPresent()
                ? keyManagers(tls.keystorePath().get(), tls, problems)
                : Optional.empty();
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (tls.truststorePath().isEmpty() && tls.keystorePath().isEmpty()) {
                return Optional.of(SSLContext.getDefault());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.orElse(null), trust.orElse(null), null);
            return Optional.of(context);
        } catch (GeneralSecurityException e) {
            problems.add("this JVM cannot create a TLS context (" + e.getMessage() + "): check its security settings");
            return Optional.empty();
        }
    }

    private static Optional<TrustManager[]> trustManagers(String path, CassandraTlsSettings tls, List<String> problems) {
        Optional<KeyStore> store = load(new Store(TRUSTSTORE_PATH, TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPE, "truststore"),
                path, tls.truststorePassword(), tls.truststoreType(), problems);
        if (store.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (!hasEntry(store.get(), false)) {
                problems.add(TRUSTSTORE_PATH + "=" + path + " holds no certificate"
                        + (tls.truststorePassword().isEmpty() ? " readable without a password: set " + TRUSTSTORE_PASSWORD
                                : ": import the certificate of the CA that signed the Cassandra nodes' certificates "
                                        + "(keytool -importcert)"));
                return Optional.empty();
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store.get());
            return Optional.of(factory.getTrustManagers());
        } catch (GeneralSecurityException e) {
            problems.add(TRUSTSTORE_PATH + "=" + path + " cannot be used as a truststore (" + e.getClass().getSimpleName()
                    + "): check the file");
            return Optional.empty();
        }
    }

    private static Optional<KeyManager[]> keyManagers(String path, CassandraTlsSettings tls, List<String> problems) {
        Optional<KeyStore> store = load(new Store(KEYSTORE_PATH, KEYSTORE_PASSWORD, KEYSTORE_TYPE, "keystore"),
                path, tls.keystorePassword(), tls.keystoreType(), problems);
        if (store.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (!hasEntry(store.get(), true)) {
                problems.add(KEYSTORE_PATH + "=" + path + " holds no private key: give a keystore with the job's "
                        + "client key and certificate (keytool -genkeypair, then the signed certificate imported)");
                return Optional.empty();
            }
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store.get(), tls.keystorePassword().get().toCharArray());
            return Optional.of(factory.getKeyManagers());
        } catch (UnrecoverableKeyException e) {
            problems.add("the private key in " + KEYSTORE_PATH + "=" + path + " does not open with " + KEYSTORE_PASSWORD
                    + ": give the key the keystore's password (keytool -keypasswd)");
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            problems.add(KEYSTORE_PATH + "=" + path + " cannot be used as a keystore (" + e.getClass().getSimpleName()
                    + "): check the file");
            return Optional.empty();
        }
    }

    /** The option names of one store, for its problems. */
    private record Store(String pathKey, String passwordKey, String typeKey, String what) {}

    private static Optional<KeyStore> load(Store store, String path, Optional<String> password, String type,
            List<String> problems) {
        Path file = Path.of(path);
        if (!Files.exists(file)) {
            problems.add(store.pathKey() + "=" + path + " does not exist: give the path of the " + store.what()
                    + " (it must exist at that path wherever the job connects: the client and every TaskManager)");
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            problems.add(store.pathKey() + "=" + path + " is not a file: give the path of the " + store.what());
            return Optional.empty();
        }
        if (!Files.isReadable(file)) {
            problems.add(store.pathKey() + "=" + path + " cannot be read by user " + System.getProperty("user.name")
                    + ": make it readable for the user the job runs as");
            return Optional.empty();
        }
        KeyStore keyStore;
        try {
            keyStore = KeyStore.getInstance(type);
        } catch (KeyStoreException e) {
            problems.add(store.typeKey() + "=" + type + " is not a store type this JVM knows: use PKCS12 (the default) "
                    + "or JKS");
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            keyStore.load(in, password.map(String::toCharArray).orElse(null));
            return Optional.of(keyStore);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                problems.add(store.pathKey() + "=" + path + (password.isPresent()
                        ? " does not open with " + store.passwordKey() + ": check the password"
                        : " needs a password: set " + store.passwordKey()));
            } else {
                problems.add(store.pathKey() + "=" + path + " is not a " + type + " store ("
                        + Secrets.scrub(e.getMessage(), password.stream().toList()) + "): give a " + type + " file or set "
                        + store.typeKey());
            }
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            problems.add(store.pathKey() + "=" + path + " cannot be read as a " + type + " store ("
                    + e.getClass().getSimpleName() + "): check the file and " + store.typeKey());
            return Optional.empty();
        }
    }

    /** Whether the store holds a private key ({@code keys}) or a trusted certificate. */
    private static boolean hasEntry(KeyStore store, boolean keys) throws KeyStoreException {
        for (String alias : Collections.list(store.aliases())) {
            if (keys ? store.isKeyEntry(alias) : store.isCertificateEntry(alias) || store.getCertificate(alias) != null) {
                return true;
            }
        }
        return false;
    }
}
