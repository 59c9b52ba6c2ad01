package dev.eventpipeline.connectors.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Opens driver-4 sessions the way the job connects: contact points, port, local datacenter,
 * credentials, TLS, consistency and request timeout from {@link CassandraSinkSettings}. The one place
 * for it, shared by the sink's writers and the start-up checks, so both reach a cluster the same way.
 */
public final class CassandraSessions {

    private CassandraSessions() {}

    /** A session for writing: token-aware routing, idempotent statements, and no retries of the driver's own. */
    public static CqlSession openForWrites(CassandraSinkSettings settings) {
        return builder(settings, writeConfig(settings)).withLocalDatacenter(settings.localDatacenter()).build();
    }

    /**
     * A builder with where and as whom to connect; {@code config} says the rest. The local datacenter is the
     * caller's to set (the start-up checks infer it, so that they can say when cassandra.local-datacenter is wrong).
     */
    public static CqlSessionBuilder builder(CassandraSinkSettings settings, DriverConfigLoader config) {
        CqlSessionBuilder builder = CqlSession.builder()
                .withConfigLoader(config)
                // Flink loads the job's classes child-first; the driver must find its own classes
                // (policies named in its configuration) through the job's class loader, not the thread's.
                .withClassLoader(CassandraSessions.class.getClassLoader());
        for (String host : settings.contactPoints()) {
            builder.addContactPoint(InetSocketAddress.createUnresolved(host, settings.port()));
        }
        if (settings.username().isPresent()) {
            builder.withAuthCredentials(settings.username().get(), settings.password().orElse(""));
        }
        if (settings.ssl()) {
            // Built here, in the JVM that connects: an SSLContext is not serializable, and each
            // TaskManager reads the stores from its own disk.
            builder.withSslEngineFactory(TlsEngineFactory.of(settings.tls()));
        }
        return builder;
    }

    /** The writers' configuration: see {@link #openForWrites}. */
    public static DriverConfigLoader writeConfig(CassandraSinkSettings settings) {
        return common(DriverConfigLoader.programmaticBuilder(), settings.requestTimeout())
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, settings.consistencyLevel())
                .withBoolean(DefaultDriverOption.REQUEST_DEFAULT_IDEMPOTENCE, true)
                // Retries are the writer's (WriteRetryStrategy: backoff with jitter, bounded); the
                // driver's own would retry at once and hide the error from that bound.
                .withClass(DefaultDriverOption.RETRY_POLICY_CLASS, RethrowRetryPolicy.class)
                // Enough for the writer's bound on requests in flight (cassandra.max-concurrent-requests).
                .withInt(DefaultDriverOption.CONNECTION_MAX_REQUESTS, Math.max(1024, settings.maxConcurrentRequests()))
                .build();
    }

    /**
     * Timeouts of connecting and of metadata, generous for a busy node (a TLS handshake with a password
     * check took over 5 s on a loaded 2-core machine), and the request timeout.
     */
    public static ProgrammaticDriverConfigLoaderBuilder common(ProgrammaticDriverConfigLoaderBuilder builder,
            Duration requestTimeout) {
        return builder
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, requestTimeout)
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(30))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(30))
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(30))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
                // Closing waits this long for more work on the driver's event loops: nothing comes.
                .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
                .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0);
    }
}
