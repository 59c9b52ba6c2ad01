package dev.eventpipeline.infra.security;

import com.datastax.oss.driver.api.core.ssl.ProgrammaticSslEngineFactory;
import com.datastax.oss.driver.api.core.ssl.SslEngineFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The files of a secured local stack, under {@code <work dir>/secure/} (directory mode 700, files 600):
 * the CA certificate, the truststore, the servers' and a client's keystore, and the generated
 * credentials ({@link LocalCredentials}); plus the client settings made from them. Created on first use
 * and kept, so restarts and other JVMs (the CLI's commands) find the same ones.
 */
public final class StackSecurity {

    public static final String DIRECTORY = "secure";
    public static final String CREDENTIALS_FILE = "credentials.properties";
    public static final String JOB_CONFIG_FILE = "job-secure.properties";
    public static final String STORE_TYPE = CertificateFiles.STORE_TYPE;

    private static final Object CREATION = new Object();

    private final Path directory;
    private final LocalSecurity settings;
    private LocalCredentials credentials;

    private StackSecurity(Path directory, LocalSecurity settings) {
        this.directory = directory;
        this.settings = settings;
    }

    /** The security files of the stack in {@code workDir}; call {@link #ensureCreated()} before using them. */
    public static StackSecurity under(Path workDir, LocalSecurity settings) {
        return new StackSecurity(workDir.toAbsolutePath().normalize().resolve(DIRECTORY), settings);
    }

    /** Generates the credentials and the certificates unless they exist; returns this. */
    public StackSecurity ensureCreated() {
        synchronized (CREATION) { // Kafka and Cassandra start in parallel and share the files
            OwnerOnlyFiles.directory(directory);
            credentials = LocalCredentials.loadOrGenerate(credentialsFile());
            LocalCertificates.ensure(directory, settings, credentials.storePassword());
        }
        return this;
    }

    public LocalSecurity settings() {
        return settings;
    }

    public Path directory() {
        return directory;
    }

    /** The CA's certificate (PEM), for clients that take one instead of a truststore. */
    public Path caCertificate() {
        return directory.resolve(LocalCertificates.CA_CERTIFICATE);
    }

    /** PKCS12 truststore holding the CA; its password is {@link LocalCredentials#storePassword()}. */
    public Path truststore() {
        return directory.resolve(LocalCertificates.TRUSTSTORE);
    }

    /** PKCS12 keystore with a client certificate for mutual TLS; password {@link LocalCredentials#storePassword()}. */
    public Path clientKeystore() {
        return directory.resolve(LocalCertificates.CLIENT_KEYSTORE);
    }

    /** PKCS12 keystore the servers present. */
    public Path serverKeystore() {
        return directory.resolve(LocalCertificates.SERVER_KEYSTORE);
    }

    public Path credentialsFile() {
        return directory.resolve(CREDENTIALS_FILE);
    }

    public synchronized LocalCredentials credentials() {
        if (credentials == null) {
            ensureCreated();
        }
        return credentials;
    }

    /**
     * Kafka client settings for {@code user}: SASL_SSL with SCRAM-SHA-512, the truststore, and with mutual
     * TLS the client keystore. Holds secrets: never log or print it.
     */
    public Map<String, String> kafkaClientProperties(Credential user) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("security.protocol", "SASL_SSL");
        properties.put("sasl.mechanism", "SCRAM-SHA-512");
        properties.put("sasl.jaas.config", scramJaasConfig(user));
        properties.put("ssl.truststore.location", truststore().toString());
        properties.put("ssl.truststore.type", STORE_TYPE);
        properties.put("ssl.truststore.password", credentials().storePassword());
        if (settings.mutualTls()) {
            properties.put("ssl.keystore.location", clientKeystore().toString());
            properties.put("ssl.keystore.type", STORE_TYPE);
            properties.put("ssl.keystore.password", credentials().storePassword());
        }
        return properties;
    }

    public Map<String, String> kafkaAdminProperties() {
        return kafkaClientProperties(credentials().kafkaAdmin());
    }

    /** The pipeline's Kafka user: what the job, the generator and the demo's dead-letter reader use. */
    public Map<String, String> kafkaPipelineProperties() {
        return kafkaClientProperties(credentials().kafkaPipeline());
    }

    /** The SCRAM login for {@code sasl.jaas.config}. */
    public static String scramJaasConfig(Credential user) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user.user()
                + "\" password=\"" + user.password() + "\";";
    }

    /** TLS for the Cassandra driver: trusts only the CA, verifies the host name, and presents the client key with mutual TLS. */
    public SslEngineFactory cassandraSslEngineFactory() {
        return new ProgrammaticSslEngineFactory(sslContext(), null, true);
    }

    /** An SSLContext that trusts only the local CA (and with mutual TLS presents the client certificate). */
    public SSLContext sslContext() {
        try {
            char[] password = credentials().storePassword().toCharArray();
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(truststore(), password));
            KeyManagerFactory keys = null;
            if (settings.mutualTls()) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(clientKeystore(), password), password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not set up TLS from " + directory + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static KeyStore load(Path store, char[] password) throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance(STORE_TYPE);
            keyStore.load(in, password);
            return keyStore;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + store, e);
        }
    }

    /**
     * The job's options (its own names) for this stack: Kafka through {@code kafka.property.*} as the
     * pipeline user, Cassandra over TLS as the writer role. Holds secrets: pass it in a file
     * ({@link #writeJobConfig()}) or the environment, never as arguments.
     */
    public Map<String, String> jobSettings() {
        Map<String, String> job = new LinkedHashMap<>();
        kafkaPipelineProperties().forEach((key, value) -> job.put("kafka.property." + key, value));
        job.put("cassandra.ssl", "true");
        job.put("cassandra.ssl.truststore.path", truststore().toString());
        job.put("cassandra.ssl.truststore.password", credentials().storePassword());
        job.put("cassandra.ssl.truststore.type", STORE_TYPE);
        if (settings.mutualTls()) {
            job.put("cassandra.ssl.keystore.path", clientKeystore().toString());
            job.put("cassandra.ssl.keystore.password", credentials().storePassword());
            job.put("cassandra.ssl.keystore.type", STORE_TYPE);
        }
        job.put("cassandra.username", credentials().cassandraWriter().user());
        job.put("cassandra.password", credentials().cassandraWriter().password());
        return job;
    }

    /**
     * Writes {@link #jobSettings()} to {@code <secure>/job-secure.properties} (mode 600) and returns its
     * path, for the job's {@code --config}.
     */
    public Path writeJobConfig() {
        Properties properties = new Properties();
        properties.putAll(jobSettings());
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "The job's settings for the secured local stack (generated; holds secrets)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return OwnerOnlyFiles.write(directory.resolve(JOB_CONFIG_FILE), text.toString());
    }

    @Override
    public String toString() {
        return "StackSecurity in " + directory;
    }
}
