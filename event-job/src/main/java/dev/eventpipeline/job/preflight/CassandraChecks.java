package dev.eventpipeline.job.preflight;

import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.ConsistencyLevel;
import com.datastax.driver.core.Host;
import com.datastax.driver.core.QueryOptions;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.SimpleStatement;
import com.datastax.driver.core.SocketOptions;
import com.datastax.driver.core.Statement;
import com.datastax.driver.core.exceptions.AuthenticationException;
import com.datastax.driver.core.exceptions.DriverException;
import com.datastax.driver.core.exceptions.InvalidQueryException;
import com.datastax.driver.core.exceptions.NoHostAvailableException;
import com.datastax.driver.core.exceptions.UnauthorizedException;
import com.datastax.driver.core.policies.ConstantReconnectionPolicy;
import com.datastax.driver.core.policies.FallthroughRetryPolicy;
import com.datastax.driver.core.policies.RoundRobinPolicy;
import dev.eventpipeline.connectors.cassandra.CassandraSinkSettings;
import dev.eventpipeline.connectors.cassandra.UserEventsClusterBuilder;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cassandra side of the start-up checks, over the connection the sink will use (contact points,
 * port, credentials, TLS) with short timeouts: the local datacenter exists, the keyspace and table
 * are there in the shape the job writes, and what the node's settings say about cassandra.ttl and the
 * largest row. Uses the connector's own driver (3.x), already in the job's JAR.
 */
final class CassandraChecks {

    /** The keyspace infra/cassandra/schema.cql creates. */
    static final String SCHEMA_FILES_KEYSPACE = UserEventCassandraModel.KEYSPACE;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(CassandraChecks.class);

    private final CassandraSinkSettings settings;
    private final OptionalInt maxRowBytes;
    private final Clock clock;

    CassandraChecks(CassandraSinkSettings settings, OptionalInt maxRowBytes, Clock clock) {
        this.settings = settings;
        this.maxRowBytes = maxRowBytes;
        this.clock = clock;
    }

    PreflightReport run() {
        PreflightReport.Builder report = new PreflightReport.Builder();
        Cluster cluster;
        try {
            cluster = cluster();
        } catch (IllegalArgumentException e) { // an unresolvable contact point
            return report.problem("cassandra.contact-points=" + String.join(",", settings.contactPoints()) + ": "
                    + e.getMessage() + ": fix cassandra.contact-points").build();
        }
        try (cluster) {
            Session session = connect(cluster, report);
            if (session != null) {
                checkDatacenter(cluster, report);
                checkTable(session, report);
                Optional<CassandraServerSettings> server = serverSettings(session, report);
                checkTtl(server, report);
                checkRowSize(server, report);
            }
        } catch (DriverException e) {
            report.problem("Cassandra at " + address() + " failed a start-up check query: " + e.getMessage()
                    + ": check the node's health, or set job.preflight=false to start without these checks");
        }
        return report.build();
    }

    private Cluster cluster() {
        Cluster.Builder builder = UserEventsClusterBuilder.connectTo(Cluster.builder(), settings)
                .withClusterName("event-pipeline-preflight")
                // Any node will do for these reads; the datacenter is checked, not assumed.
                .withLoadBalancingPolicy(new RoundRobinPolicy())
                .withQueryOptions(new QueryOptions().setMetadataEnabled(false).setConsistencyLevel(ConsistencyLevel.ONE))
                .withSocketOptions(new SocketOptions()
                        .setConnectTimeoutMillis(Math.toIntExact(CONNECT_TIMEOUT.toMillis()))
                        .setReadTimeoutMillis(Math.toIntExact(READ_TIMEOUT.toMillis())))
                .withRetryPolicy(FallthroughRetryPolicy.INSTANCE)
                .withReconnectionPolicy(new ConstantReconnectionPolicy(CONNECT_TIMEOUT.toMillis()))
                .withoutJMXReporting()
                .withoutMetrics();
        return builder.build();
    }

    /** A session, or null after reporting why there is none. */
    private Session connect(Cluster cluster, PreflightReport.Builder report) {
        try {
            return cluster.connect();
        } catch (AuthenticationException e) {
            report.problem(settings.username().isPresent()
                    ? "Cassandra at " + address() + " refused the login of cassandra.username="
                            + settings.username().get() + " (" + e.getMessage() + "): fix cassandra.username and "
                            + "cassandra.password"
                    : "Cassandra at " + address() + " requires a login (" + e.getMessage() + "): set "
                            + "cassandra.username and cassandra.password");
        } catch (NoHostAvailableException e) {
            report.problem("Cassandra at " + address() + " (cassandra.contact-points, cassandra.port"
                    + (settings.ssl() ? ", cassandra.ssl=true" : "") + ") could not be reached within "
                    + CONNECT_TIMEOUT.toSeconds() + " s (" + e.getMessage() + "): "
                    + CassandraConnectionHints.hint(e, settings.ssl()).map(hint -> hint + "; or ").orElse("")
                    + "start it or fix those keys, or set job.preflight=false to start without these checks");
        } catch (DriverException e) {
            report.problem("Cassandra at " + address() + " (cassandra.contact-points, cassandra.port) could not be "
                    + "used: " + e.getMessage() + ": fix those keys, or set job.preflight=false to start without "
                    + "these checks");
        }
        return null;
    }

    private void checkDatacenter(Cluster cluster, PreflightReport.Builder report) {
        TreeSet<String> datacenters = cluster.getMetadata().getAllHosts().stream()
                .map(Host::getDatacenter)
                .filter(name -> name != null)
                .collect(Collectors.toCollection(TreeSet::new));
        if (!datacenters.isEmpty() && !datacenters.contains(settings.localDatacenter())) {
            report.problem("no Cassandra node is in datacenter " + settings.localDatacenter()
                    + " (cassandra.local-datacenter), so the job could send no write: the nodes are in "
                    + String.join(", ", datacenters) + ": set cassandra.local-datacenter="
                    + (datacenters.size() == 1 ? datacenters.first() : "one of them"));
        }
    }

    private void checkTable(Session session, PreflightReport.Builder report) {
        boolean keyspaceExists = session.execute(statement(
                "SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?", settings.keyspace()))
                .one() != null;
        Optional<TableShape> table = Optional.empty();
        if (keyspaceExists) {
            List<TableShape.Column> columns = new ArrayList<>();
            for (Row row : session.execute(statement("SELECT column_name, kind, position, type FROM "
                    + "system_schema.columns WHERE keyspace_name = ? AND table_name = ?", settings.keyspace(),
                    settings.table()))) {
                columns.add(new TableShape.Column(row.getString("column_name"), row.getString("kind"),
                        row.getInt("position"), row.getString("type")));
            }
            table = columns.isEmpty() ? Optional.empty() : Optional.of(TableShape.of(columns));
        }
        new TableShapeCheck(settings.keyspace(), settings.table(), settings.tableLayout())
                .problems(keyspaceExists, table)
                .forEach(report::problem);
    }

    /** The node's settings, or empty (and the checks that need them skipped) when it does not show them. */
    private Optional<CassandraServerSettings> serverSettings(Session session, PreflightReport.Builder report) {
        if (settings.ttl().isEmpty() && maxRowBytes.isEmpty()) {
            return Optional.empty();
        }
        Row local = session.execute(statement("SELECT release_version FROM system.local")).one();
        String release = local == null ? null : local.getString("release_version");
        Map<String, String> values = new HashMap<>();
        try {
            for (Row row : session.execute(statement("SELECT name, value FROM system_views.settings"))) {
                values.put(row.getString("name"), row.getString("value"));
            }
        } catch (InvalidQueryException | UnauthorizedException e) {
            skip(report, "Cassandra " + release + " does not show system_views.settings (" + e.getMessage() + "): "
                    + "the checks of cassandra.ttl against the maximum expiration date and of the largest row "
                    + "against max_mutation_size are skipped");
            return Optional.empty();
        }
        return Optional.of(new CassandraServerSettings(release, values));
    }

    private void checkTtl(Optional<CassandraServerSettings> found, PreflightReport.Builder report) {
        if (settings.ttl().isEmpty() || found.isEmpty()) {
            return;
        }
        Duration ttl = settings.ttl().get();
        CassandraServerSettings server = found.get();
        String mode = CassandraServerSettings.STORAGE_COMPATIBILITY_MODE;
        if (!server.has(mode)) {
            skip(report, "Cassandra " + server.releaseVersion() + " shows no " + mode + " in system_views.settings: "
                    + "the check of cassandra.ttl against its maximum expiration date is skipped");
            return;
        }
        Optional<String> value = server.value(mode);
        boolean defaulted = value.isEmpty();
        Optional<String> effective = value.or(server::defaultStorageCompatibilityMode);
        Optional<ExpirationDateCheck.Limit> limit = effective.flatMap(name -> ExpirationDateCheck.limit(name, defaulted));
        if (limit.isEmpty()) {
            skip(report, "Cassandra " + server.releaseVersion() + " has " + mode + "=" + effective.orElse("unset")
                    + ", which this check does not know: the check of cassandra.ttl against the maximum expiration "
                    + "date is skipped");
            return;
        }
        Instant now = clock.instant();
        Optional<String> problem = ExpirationDateCheck.problem(ttl, limit.get(), now);
        if (problem.isPresent()) {
            report.problem(problem.get());
        } else {
            LOG.info("cassandra.ttl={} fits Cassandra's maximum expiration date {} ({}) for writes until {}",
                    ExpirationDateCheck.describe(ttl), limit.get().maxExpiration(), limit.get().reason(),
                    ExpirationDateCheck.refusedFrom(ttl, limit.get()));
            if (ExpirationDateCheck.refusedFrom(ttl, limit.get()).isBefore(now.plus(Duration.ofDays(30)))) {
                LOG.warn("cassandra.ttl={}: Cassandra will refuse the job's writes from {} on; lower cassandra.ttl",
                        ExpirationDateCheck.describe(ttl), ExpirationDateCheck.refusedFrom(ttl, limit.get()));
            }
        }
    }

    private void checkRowSize(Optional<CassandraServerSettings> found, PreflightReport.Builder report) {
        if (maxRowBytes.isEmpty() || found.isEmpty()) {
            return;
        }
        OptionalLong maxMutation = found.get().maxMutationBytes();
        if (maxMutation.isEmpty()) {
            skip(report, "Cassandra " + found.get().releaseVersion() + " shows neither max_mutation_size nor "
                    + "commitlog_segment_size: the check of validation.max-row-bytes is skipped");
            return;
        }
        SizeLimitChecks.rows(maxRowBytes.getAsInt(), maxMutation.getAsLong()).ifPresent(report::problem);
        SizeLimitChecks.batches(settings.batching().maxBytes(), maxMutation.getAsLong()).ifPresent(report::problem);
    }

    private static void skip(PreflightReport.Builder report, String reason) {
        LOG.warn("Start-up check skipped: {}", reason);
        report.skipped(reason);
    }

    private static Statement statement(String cql, Object... values) {
        return new SimpleStatement(cql, values).setReadTimeoutMillis(Math.toIntExact(READ_TIMEOUT.toMillis()));
    }

    /** "host:port[,host:port]" as the job would connect. */
    private String address() {
        return settings.contactPoints().stream().map(host -> host + ":" + settings.port()).collect(Collectors.joining(","));
    }
}
