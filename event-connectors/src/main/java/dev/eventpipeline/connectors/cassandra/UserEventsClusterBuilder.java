package dev.eventpipeline.connectors.cassandra;

import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.ConsistencyLevel;
import com.datastax.driver.core.QueryOptions;
import com.datastax.driver.core.SocketOptions;
import com.datastax.driver.core.policies.DCAwareRoundRobinPolicy;
import com.datastax.driver.core.policies.FallthroughRetryPolicy;
import com.datastax.driver.core.policies.TokenAwarePolicy;
import org.apache.flink.streaming.connectors.cassandra.ClusterBuilder;

/** Configures the connector's driver for the writer: routing, consistency, idempotence, auth, TLS. */
public final class UserEventsClusterBuilder extends ClusterBuilder {

    private static final long serialVersionUID = 1L;

    private final CassandraSinkSettings settings;

    public UserEventsClusterBuilder(CassandraSinkSettings settings) {
        this.settings = settings;
    }

    @Override
    protected Cluster buildCluster(Cluster.Builder builder) {
        int timeoutMillis = Math.toIntExact(settings.requestTimeout().toMillis());
        connectTo(builder, settings)
                .withLoadBalancingPolicy(new TokenAwarePolicy(
                        DCAwareRoundRobinPolicy.builder().withLocalDc(settings.localDatacenter()).build()))
                .withQueryOptions(new QueryOptions()
                        .setConsistencyLevel(ConsistencyLevel.valueOf(settings.consistencyLevel()))
                        .setDefaultIdempotence(true))
                // Retries are the writer's (WriteRetryStrategy: backoff with jitter, bounded); the
                // driver's own would retry at once and hide the error from that bound.
                .withRetryPolicy(FallthroughRetryPolicy.INSTANCE)
                .withSocketOptions(new SocketOptions().setReadTimeoutMillis(timeoutMillis))
                // The connector's driver expects metrics-core 3 for JMX; we report through Flink.
                .withoutJMXReporting();
        return builder.build();
    }

    /**
     * Where and as whom to connect: contact points, port, credentials, TLS. The one place for it,
     * shared by the writer and the start-up checks, so both reach a cluster the same way.
     */
    public static Cluster.Builder connectTo(Cluster.Builder builder, CassandraSinkSettings settings) {
        builder.addContactPoints(settings.contactPoints().toArray(String[]::new)).withPort(settings.port());
        if (settings.username().isPresent()) {
            builder.withCredentials(settings.username().get(), settings.password().orElse(""));
        }
        if (settings.ssl()) {
            // Built here, in the JVM that connects: an SSLContext is not serializable, and each
            // TaskManager reads the stores from its own disk.
            builder.withSSL(DriverSslOptions.of(settings.tls()));
        }
        return builder;
    }
}
