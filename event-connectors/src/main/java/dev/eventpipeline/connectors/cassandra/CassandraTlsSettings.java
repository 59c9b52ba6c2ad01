package dev.eventpipeline.connectors.cassandra;

import java.io.Serializable;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How the job's TLS connections to Cassandra trust the server and, for mutual TLS, present a client
 * certificate. Paths, not key material: every JVM that connects (the client for the start-up checks,
 * each TaskManager for the writes) reads the files itself, so they must exist at the same path on
 * each. Without a truststore the JVM's default trust store is used; without a keystore no client
 * certificate is sent. The key in the keystore must have the keystore's password.
 */
@Value.Immutable
public abstract class CassandraTlsSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_STORE_TYPE = "PKCS12";

    public abstract Optional<String> truststorePath();

    @Value.Redacted
    public abstract Optional<String> truststorePassword();

    @Value.Default
    public String truststoreType() {
        return DEFAULT_STORE_TYPE;
    }

    public abstract Optional<String> keystorePath();

    @Value.Redacted
    public abstract Optional<String> keystorePassword();

    @Value.Default
    public String keystoreType() {
        return DEFAULT_STORE_TYPE;
    }

    /** The server's certificate must name the host connected to (as in the contact points, or a peer's address). */
    @Value.Default
    public boolean hostnameVerification() {
        return true;
    }

    public static ImmutableCassandraTlsSettings.Builder builder() {
        return ImmutableCassandraTlsSettings.builder();
    }

    /** The JVM's default trust store, no client certificate, hostname verification on. */
    public static CassandraTlsSettings defaults() {
        return builder().build();
    }
}
