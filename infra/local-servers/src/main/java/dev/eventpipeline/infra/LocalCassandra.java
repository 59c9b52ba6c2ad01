package dev.eventpipeline.infra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import dev.eventpipeline.infra.cassandra.CassandraRoles;
import dev.eventpipeline.infra.cassandra.CassandraSchema;
import dev.eventpipeline.infra.cassandra.CassandraServerFiles;
import dev.eventpipeline.infra.cassandra.ClusterNode;
import dev.eventpipeline.infra.cassandra.SchemaTarget;
import dev.eventpipeline.infra.process.JavaCommand;
import dev.eventpipeline.infra.process.Ports;
import dev.eventpipeline.infra.process.Wait;
import dev.eventpipeline.infra.security.CassandraRole;
import dev.eventpipeline.infra.security.Credential;
import dev.eventpipeline.infra.security.LocalCredentials;
import dev.eventpipeline.infra.security.StackSecurity;
import dev.eventpipeline.model.TableLayout;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Cassandra 5 node (single token, loopback) running as its own JVM. JMX is off: nothing here needs
 * it, and it would be one more port to clash on. Data survives stop/start and kill/start. Alone it is
 * {@code cassandra} on 127.0.0.1; as node n of a {@link LocalCassandraCluster} it is {@code cassandra-<n>}
 * on 127.0.0.n (see {@link ClusterNode}).
 *
 * <pre>{@code
 * LocalCassandra cassandra = LocalCassandra.builder().workDir(dir).freePorts().build();
 * cassandra.start();
 * try (CqlSession session = cassandra.openSession()) { ... }
 * }</pre>
 */
public final class LocalCassandra extends LocalServer {

    public static final int DEFAULT_CQL_PORT = 9042;
    public static final int DEFAULT_STORAGE_PORT = 7000;
    public static final String DEFAULT_HEAP = "1g";
    /** What SimpleSnitch calls the only datacenter. */
    public static final String LOCAL_DATACENTER = "datacenter1";

    static final String MAIN_CLASS = "org.apache.cassandra.service.CassandraDaemon";

    private final int cqlPort;
    private final int storagePort;
    private final Map<String, String> settings;
    /** Empty for a single node. */
    private final Optional<ClusterNode> clusterNode;

    private LocalCassandra(Builder builder) {
        super(builder.clusterNode.map(ClusterNode::serverId).orElse("cassandra"), "cassandra",
                builder.clusterNode.map(ClusterNode::address).orElse(Ports.LOOPBACK),
                builder.clusterNode.map(node -> "Cassandra node " + node.number()).orElse("Cassandra"),
                MAIN_CLASS, builder, "Cassandra CQL", "Cassandra storage");
        this.cqlPort = builder.clientPort;
        this.storagePort = builder.internalPort;
        this.settings = Map.copyOf(builder.settings);
        this.clusterNode = builder.clusterNode;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** For the driver's {@code addContactPoint}. */
    public InetSocketAddress contactPoint() {
        return new InetSocketAddress(host(), cqlPort);
    }

    /** Its place in a local cluster; empty for a single node. */
    public Optional<ClusterNode> clusterNode() {
        return clusterNode;
    }

    /** For the driver's {@code withLocalDatacenter}. */
    public String localDatacenter() {
        return LOCAL_DATACENTER;
    }

    public int cqlPort() {
        return cqlPort;
    }

    public int storagePort() {
        return storagePort;
    }

    /**
     * A driver-4 session builder pointed at this node, with timeouts that suit a busy laptop; on a secured
     * node as the admin role, over TLS.
     */
    public CqlSessionBuilder sessionBuilder() {
        return security().isPresent() ? sessionBuilder(CassandraRole.ADMIN) : plainSessionBuilder();
    }

    /** As {@link #sessionBuilder()}, logged in as {@code role} over TLS (secured nodes only). */
    public CqlSessionBuilder sessionBuilder(CassandraRole role) {
        StackSecurity security = requireSecured();
        return sessionBuilder(role.credential(security.credentials()));
    }

    /** As {@link #sessionBuilder()}, logged in as {@code credential} over TLS (secured nodes only). */
    public CqlSessionBuilder sessionBuilder(Credential credential) {
        return plainSessionBuilder()
                .withSslEngineFactory(requireSecured().cassandraSslEngineFactory())
                .withAuthCredentials(credential.user(), credential.password());
    }

    private CqlSessionBuilder plainSessionBuilder() {
        return CqlSession.builder()
                .addContactPoint(contactPoint())
                .withLocalDatacenter(LOCAL_DATACENTER)
                .withConfigLoader(driverConfig());
    }

    /** Driver-4 timeouts that suit a busy laptop, for sessions to a node or a local cluster. */
    static DriverConfigLoader driverConfig() {
        return timeouts(DriverConfigLoader.programmaticBuilder()).build();
    }

    /**
     * As {@link #driverConfig()}, for a short-lived session that only runs queries it writes itself (a CLI
     * command): no schema metadata and no token map, which the driver otherwise loads at connect (the
     * larger part of a session's start-up on a local node).
     */
    public static DriverConfigLoader queryOnlyDriverConfig() {
        return timeouts(DriverConfigLoader.programmaticBuilder())
                .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
                .withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
                .build();
    }

    private static ProgrammaticDriverConfigLoaderBuilder timeouts(ProgrammaticDriverConfigLoaderBuilder builder) {
        return builder
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
                // Generous: a TLS handshake plus a password check (bcrypt) on a busy 2-core machine took over 5 s.
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(30))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(30))
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
                // Closing a session waits this long for more work on its Netty event loops: 2 s by default,
                // which every short-lived client (a CLI command, a test) paid at exit for nothing.
                .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
                .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0);
    }

    /** A new session (the admin role on a secured node); the caller closes it. */
    public CqlSession openSession() {
        return sessionBuilder().build();
    }

    /** A new session as {@code role} (secured nodes only); the caller closes it. */
    public CqlSession openSession(CassandraRole role) {
        return sessionBuilder(role).build();
    }

    private StackSecurity requireSecured() {
        return security().orElseThrow(() -> new IllegalStateException(
                "This Cassandra is not secured: it has no roles and no TLS; build it with security(...)"));
    }

    /** Applies infra/cassandra/schema.cql (idempotent). */
    public void applySchema() {
        applySchema(TableLayout.SEED);
    }

    /** Applies schema.cql and, for {@link TableLayout#EVENT_ID}, schema-event-id.cql (idempotent). */
    public void applySchema(TableLayout layout) {
        applySchema(SchemaTarget.of(layout));
    }

    /**
     * As {@link #applySchema(TableLayout)}, under the target's keyspace and table names (idempotent). On a
     * secured node as the admin role, then granting the writer and reader roles their rights on the table.
     */
    public void applySchema(SchemaTarget target) {
        try (CqlSession session = openSession()) {
            CassandraSchema.apply(session, target);
            security().ifPresent(security -> CassandraRoles.grant(session, security.credentials(), target));
        }
    }

    @Override
    Map<String, String> configFiles() {
        String securitySettings = security().map(CassandraServerFiles::securitySettings).orElse("");
        if (clusterNode.isEmpty()) {
            return Map.of(
                    "cassandra.yaml", CassandraServerFiles.cassandraYaml(host(), cqlPort, storagePort, storageDir())
                            + securitySettings,
                    "logback.xml", CassandraServerFiles.LOGBACK_XML);
        }
        return Map.of(
                "cassandra.yaml", CassandraServerFiles.clusterNodeYaml(clusterNode.get(), cqlPort, storagePort, storageDir())
                        + securitySettings,
                RACKDC_FILE, CassandraServerFiles.RACKDC_PROPERTIES,
                "logback.xml", CassandraServerFiles.LOGBACK_XML);
    }

    private static final String RACKDC_FILE = "cassandra-rackdc.properties";

    @Override
    void prepare() throws IOException {
        Files.createDirectories(storageDir());
        Files.createDirectories(serverDir().resolve("triggers"));
    }

    /** Whether it has started before (its storage exists), so knows its peers if it is a cluster's node. */
    boolean hasData() {
        return Files.isDirectory(storageDir().resolve("data"));
    }

    private Path storageDir() {
        return serverDir().resolve("storage");
    }

    @Override
    JavaCommand command() {
        List<String> jvmOptions = new ArrayList<>(List.of(
                "-Xms" + heap(), "-Xmx" + heap(),
                "-XX:+UseG1GC",
                "-XX:+ExitOnOutOfMemoryError", // a node that ran out of memory must not keep writing
                // Java 17 encapsulation, as measured in stack.md.
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-Djava.net.preferIPv4Stack=true",
                "-Dcassandra.config=" + serverDir().resolve("cassandra.yaml").toUri(),
                "-Dcassandra-foreground=yes", // otherwise the daemon closes stdout, our log
                "-Dcassandra.storagedir=" + storageDir(),
                "-Dcassandra.logdir=" + logFile().getParent(),
                "-Dcassandra.triggers_dir=" + serverDir().resolve("triggers"),
                "-Dlogback.configurationFile=" + serverDir().resolve("logback.xml"),
                // A single seed has nobody to gossip with: do not wait for gossip to settle. A cluster's nodes do
                // not wait either (it would cost each start at least 8 s): LocalCassandraCluster.start() returns
                // only once every node knows every other and all are up.
                "-Dcassandra.skip_wait_for_gossip_to_settle=0",
                // Secured: the default superuser exists at once, to create the admin role with (then dropped).
                "-Dcassandra.superuser_setup_delay_ms=0"));
        if (clusterNode.isPresent()) {
            // GossipingPropertyFileSnitch reads its datacenter and rack from this URL (else from the class path).
            jvmOptions.add("-Dcassandra-rackdc.properties=" + serverDir().resolve(RACKDC_FILE).toUri());
        }
        // Cassandra reads cassandra.settings.<name> system properties over the yaml (YamlConfigurationLoader),
        // once allowed to.
        if (!settings.isEmpty()) {
            jvmOptions.add("-Dcassandra.config.allow_system_properties=true");
        }
        settings.forEach((name, value) -> jvmOptions.add("-Dcassandra.settings." + name + "=" + value));
        return new JavaCommand(jvmOptions, classpathArgs(), MAIN_CLASS, List.of());
    }

    @Override
    boolean isReady() {
        if (!Ports.isListening(host(), cqlPort)) {
            return false;
        }
        try (CqlSession session = openSession()) {
            return session.execute("SELECT release_version FROM system.local").one() != null;
        } catch (AllNodesFailedException e) {
            // Secured, first start: the node answered over TLS but the admin role does not exist yet.
            if (security().isPresent() && refusedLogin(e)) {
                return true;
            }
            throw e;
        }
    }

    /** Secured: creates the admin role (on first start, as the default superuser), then the other roles. */
    @Override
    void afterReady() {
        security().ifPresent(security -> {
            LocalCredentials credentials = security.credentials();
            if (!canLogIn(credentials.cassandraAdmin())) {
                Credential defaultSuperuser = new Credential(CassandraRoles.DEFAULT_SUPERUSER, CassandraRoles.DEFAULT_SUPERUSER);
                try {
                    Wait.until("Cassandra's default superuser", Duration.ofSeconds(60), () -> canLogIn(defaultSuperuser));
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("Neither the admin role nor the default superuser of the secured "
                            + "Cassandra can log in; delete " + serverDir() + " and " + security.directory()
                            + " to start afresh", e);
                }
                try (CqlSession session = sessionBuilder(defaultSuperuser).build()) {
                    CassandraRoles.createAdmin(session, credentials.cassandraAdmin());
                }
            }
            try (CqlSession admin = openSession(CassandraRole.ADMIN)) {
                CassandraRoles.setUp(admin, credentials);
            }
        });
    }

    private boolean canLogIn(Credential credential) {
        try (CqlSession session = sessionBuilder(credential).build()) {
            return true;
        } catch (AllNodesFailedException e) {
            if (refusedLogin(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean refusedLogin(AllNodesFailedException e) {
        return e.getAllErrors().values().stream().flatMap(List::stream)
                .anyMatch(error -> error instanceof AuthenticationException);
    }

    /** Settings for a {@link LocalCassandra}; defaults: work dir {@code .local}, ports 9042/7000, 1 GiB heap. */
    public static final class Builder extends ServerSettings<Builder> {
        private final Map<String, String> settings = new LinkedHashMap<>();
        private Optional<ClusterNode> clusterNode = Optional.empty();

        private Builder() {
            super(DEFAULT_HEAP, Duration.ofSeconds(120), DEFAULT_CQL_PORT, DEFAULT_STORAGE_PORT);
        }

        public Builder cqlPort(int cqlPort) {
            return clientPort(cqlPort);
        }

        /**
         * A cassandra.yaml setting over the generated file, e.g. {@code max_mutation_size} =
         * {@code 512KiB} for a server whose mutation limit is below the job's row limit.
         */
        public Builder setting(String name, String value) {
            settings.put(name, value);
            return this;
        }

        /** Inter-node port; bound even on a single node. */
        public Builder storagePort(int storagePort) {
            return internalPort(storagePort);
        }

        /** Node of a local cluster: its address, token, seed and file names (see {@link ClusterNode}). */
        Builder clusterNode(ClusterNode node) {
            this.clusterNode = Optional.of(node);
            return this;
        }

        /** Picks ports that are free now on this node's address. */
        @Override
        public Builder freePorts() {
            int[] ports = Ports.freePorts(2, List.of(clusterNode.map(ClusterNode::address).orElse(Ports.LOOPBACK)));
            return clientPort(ports[0]).internalPort(ports[1]);
        }

        public LocalCassandra build() {
            return new LocalCassandra(this);
        }
    }
}
