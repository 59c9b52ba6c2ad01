package dev.eventpipeline.connectors.cassandra.connector;

import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.ConsistencyLevel;
import com.datastax.driver.core.QueryOptions;
import com.datastax.driver.core.SocketOptions;
import com.datastax.driver.core.policies.DCAwareRoundRobinPolicy;
import com.datastax.driver.core.policies.TokenAwarePolicy;
import dev.eventpipeline.connectors.cassandra.CassandraSinkSettings;
import org.apache.flink.streaming.connectors.cassandra.ClusterBuilder;

/**
 * flink-connector-cassandra's driver (3.x) connected as the job connects with driver 4 (CassandraSessions):
 * contact points, port, local datacenter, credentials, TLS with hostname verification, consistency, the
 * request timeout, idempotent statements.
 */
final class ConnectorClusterBuilder extends ClusterBuilder {

    private static final long serialVersionUID = 1L;

    private final CassandraSinkSettings settings;

    ConnectorClusterBuilder(CassandraSinkSettings settings) {
        this.settings = settings;
    }

    @Override
    protected Cluster buildCluster(Cluster.Builder builder) {
        builder.addContactPoints(settings.contactPoints().toArray(String[]::new)).withPort(settings.port());
        if (settings.username().isPresent()) {
            builder.withCredentials(settings.username().get(), settings.password().orElse(""));
        }
        if (settings.ssl()) {
            // Built here, in the TaskManager that connects: an SSLContext is not serializable.
            builder.withSSL(DriverSslOptions.of(settings.tls()));
        }
        return builder
                .withLoadBalancingPolicy(new TokenAwarePolicy(
                        DCAwareRoundRobinPolicy.builder().withLocalDc(settings.localDatacenter()).build()))
                .withQueryOptions(new QueryOptions()
                        .setConsistencyLevel(ConsistencyLevel.valueOf(settings.consistencyLevel()))
                        .setDefaultIdempotence(true))
                .withSocketOptions(new SocketOptions()
                        .setReadTimeoutMillis(Math.toIntExact(settings.requestTimeout().toMillis())))
                // Driver 3 expects metrics-core 3 for JMX; driver 4 brings metrics-core 4 into the JAR.
                .withoutJMXReporting()
                .build();
    }
}
