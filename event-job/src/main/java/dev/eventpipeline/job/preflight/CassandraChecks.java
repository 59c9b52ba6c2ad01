package dev.eventpipeline.job.preflight;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import com.datastax.oss.driver.internal.core.loadbalancing.DcInferringLoadBalancingPolicy;
import dev.eventpipeline.connectors.cassandra.CassandraSessions;
import dev.eventpipeline.connectors.cassandra.CassandraSinkSettings;
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
 * largest row. Uses the sink's driver (4.x), through the sink's own way to connect (CassandraSessions).
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
        try (CqlSession session = connect(report)) {
            if (session != null && checkDatacenter(session, report)) {
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

    /**
     * The checks' driver configuration: short timeouts, consistency ONE (any node will do for these reads),
     * no driver retries, no schema metadata or token map, and the datacenter inferred from the contact points,
     * since it is checked, not assumed.
     */
    private static DriverConfigLoader config() {
        return CassandraSessions.common(DriverConfigLoader.programmaticBuilder(), READ_TIMEOUT)
                .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, CONNECT_TIMEOUT)
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, "ONE")
                .withClass(DefaultDriverOption.LOAD_BALANCING_POLICY_CLASS, DcInferringLoadBalancingPolicy.class)
                .withClass(DefaultDriverOption.RETRY_POLICY_CLASS,
                        dev.eventpipeline.connectors.cassandra.RethrowRetryPolicy.class)
                .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
                .withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
                .withString(DefaultDriverOption.SESSION_NAME, "event-pipeline-preflight")
                .build();
    }

    /** A session, or null after reporting why there is none. */
    private CqlSession connect(PreflightReport.Builder report) {
        try {
            return CassandraSessions.builder(settings, config()).build();
        } catch (AllNodesFailedException e) {
            Optional<Throwable> login = e.getAllErrors().values().stream().flatMap(List::stream)
                    .flatMap(error -> CassandraConnectionHints.chain(error).stream())
                    .filter(AuthenticationException.class::isInstance).findFirst();
            if (login.isPresent()) {
                report.problem(settings.username().isPresent()
                        ? "Cassandra at " + address() + " refused the login of cassandra.username="
                                + settings.username().get() + " (" + login.get().getMessage() + "): fix cassandra.username "
                                + "and cassandra.password"
                        : "Cassandra at " + address() + " requires a login (" + login.get().getMessage() + "): set "
                                + "cassandra.username and cassandra.password");
            } else {
                report.problem("Cassandra at " + address() + " (cassandra.contact-points, cassandra.port"
                        + (settings.ssl() ? ", cassandra.ssl=true" : "") + ") could not be reached within "
                        + CONNECT_TIMEOUT.toSeconds() + " s (" + e.getMessage() + "): "
                        + CassandraConnectionHints.hint(e, settings.ssl()).map(hint -> hint + "; or ").orElse("")
                        + "start it or fix those keys, or set job.preflight=false to start without these checks");
            }
        } catch (IllegalArgumentException e) { // no contact point could be resolved
            report.problem("cassandra.contact-points=" + String.join(",", settings.contactPoints()) + ": "
                    + e.getMessage() + ": fix cassandra.contact-points");
        } catch (DriverException e) {
            report.problem("Cassandra at " + address() + " (cassandra.contact-points, cassandra.port) could not be "
                    + "used: " + e.getMessage() + ": fix those keys, or set job.preflight=false to start without "
                    + "these checks");
        }
        return null;
    }

    /** Whether a node is in cassandra.local-datacenter; else reports it (and nothing else can be checked). */
    private boolean checkDatacenter(CqlSession session, PreflightReport.Builder report) {
        TreeSet<String> datacenters = session.getMetadata().getNodes().values().stream()
                .map(Node::getDatacenter)
                .filter(name -> name != null)
                .collect(Collectors.toCollection(TreeSet::new));
        if (!datacenters.isEmpty() && !datacenters.contains(settings.localDatacenter())) {
            report.problem("no Cassandra node is in datacenter " + settings.localDatacenter()
                    + " (cassandra.local-datacenter), so the job could send no write: the nodes are in "
                    + String.join(", ", datacenters) + ": set cassandra.local-datacenter="
                    + (datacenters.size() == 1 ? datacenters.first() : "one of them"));
            return false;
        }
        return true;
    }

    private void checkTable(CqlSession session, PreflightReport.Builder report) {
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
    private Optional<CassandraServerSettings> serverSettings(CqlSession session, PreflightReport.Builder report) {
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

    private static SimpleStatement statement(String cql, Object... values) {
        return SimpleStatement.newInstance(cql, values).setTimeout(READ_TIMEOUT);
    }

    /** "host:port[,host:port]" as the job would connect. */
    private String address() {
        return settings.contactPoints().stream().map(host -> host + ":" + settings.port()).collect(Collectors.joining(","));
    }
}
