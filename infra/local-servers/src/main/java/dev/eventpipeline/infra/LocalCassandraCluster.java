package dev.eventpipeline.infra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import dev.eventpipeline.infra.cassandra.CassandraSchema;
import dev.eventpipeline.infra.cassandra.ClusterNode;
import dev.eventpipeline.infra.cassandra.Replication;
import dev.eventpipeline.infra.cassandra.SchemaTarget;
import dev.eventpipeline.infra.process.Ports;
import dev.eventpipeline.infra.process.ServerStartException;
import dev.eventpipeline.infra.process.Wait;
import dev.eventpipeline.model.TableLayout;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A local Cassandra cluster of N nodes (3 by default), each its own JVM ({@link LocalCassandra} as a
 * {@link ClusterNode}): node n is {@code cassandra-<n>} on 127.0.0.n, all nodes on the same CQL and storage
 * ports (the job's driver 3 takes one port for all contact points), one datacenter {@code datacenter1}.
 * Plaintext only.
 *
 * <pre>{@code
 * try (LocalCassandraCluster cluster = LocalCassandraCluster.builder().workDir(dir).freePorts().build()) {
 *     cluster.start();
 *     cluster.applySchema(SchemaTarget.of(TableLayout.SEED)); // NetworkTopologyStrategy, RF min(3, nodes)
 *     try (CqlSession session = cluster.openSession()) {
 *         session.execute(SimpleStatement.newInstance(cql).setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM));
 *     }
 * }
 * }</pre>
 * Reads and writes run at the driver's default LOCAL_ONE unless a statement sets its consistency level
 * ({@code Statement.setConsistencyLevel}); {@link dev.eventpipeline.infra.cassandra.UserEventsTable#readingAt}
 * reads rows at a chosen level.
 */
public final class LocalCassandraCluster implements AutoCloseable {

    public static final int DEFAULT_NODES = 3;
    /** Three nodes next to Kafka and Flink on 2 cores and 24 GiB. */
    public static final String DEFAULT_NODE_HEAP = "512m";
    /** Hints reach files at the 1 s flush (CassandraServerFiles.clusterNodeYaml): "none pending" must hold longer. */
    private static final Duration HINTS_SETTLED = Duration.ofMillis(2500);

    private final List<LocalCassandra> nodes;
    private final int cqlPort;
    private final Duration startTimeout;

    private LocalCassandraCluster(Builder builder) {
        List<LocalCassandra> built = new ArrayList<>();
        for (int number = 1; number <= builder.nodes; number++) {
            built.add(LocalCassandra.builder()
                    .clusterNode(new ClusterNode(number, builder.nodes))
                    .workDir(builder.workDir)
                    .heap(builder.heap)
                    .startTimeout(builder.startTimeout)
                    .stopTimeout(builder.stopTimeout)
                    .cqlPort(builder.cqlPort)
                    .storagePort(builder.storagePort)
                    .build());
        }
        this.nodes = List.copyOf(built);
        this.cqlPort = builder.cqlPort;
        this.startTimeout = builder.startTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the nodes and returns once every node knows every other and all answer CQL. Nodes already running
     * are only waited for. A new cluster starts its seed (node 1) first, then the others together; a cluster
     * that ran before starts all nodes together, since a node that knows peers first gossips with them and
     * alone waited 31 s for that (measured, 5.0.9).
     *
     * @throws ServerStartException when a node does not start; the nodes that did keep running (call {@link #stop()})
     */
    public void start() {
        if (!nodes.get(0).hasData()) {
            nodes.get(0).start();
        }
        inParallel(nodes, LocalCassandra::start);
        awaitEveryNodeUp();
    }

    /** Graceful stop of every node, together. Returns false if any had to be killed. */
    public boolean stop() {
        List<Boolean> graceful = new ArrayList<>();
        inParallel(nodes, node -> {
            boolean stopped = node.stop();
            synchronized (graceful) {
                graceful.add(stopped);
            }
        });
        return !graceful.contains(false);
    }

    @Override
    public void close() {
        stop();
    }

    /** SIGKILL of node {@code number} (1-based), as a crash would; its data stays for {@link #startNode}. */
    public void killNode(int number) {
        node(number).kill();
    }

    /** Starts node {@code number} again and returns once every running node sees every other up. */
    public void startNode(int number) {
        node(number).start();
        awaitEveryNodeUp();
    }

    /** Node {@code number}, 1-based. */
    public LocalCassandra node(int number) {
        if (number < 1 || number > nodes.size()) {
            throw new IllegalArgumentException("Node " + number + " is not one of 1.." + nodes.size());
        }
        return nodes.get(number - 1);
    }

    public List<LocalCassandra> nodes() {
        return nodes;
    }

    /** Every node's CQL address, for the driver's {@code addContactPoints}. */
    public List<InetSocketAddress> contactPoints() {
        return nodes.stream().map(LocalCassandra::contactPoint).toList();
    }

    /** The nodes' addresses comma-separated, as the job's {@code cassandra.contact-points} takes them. */
    public String contactPointHosts() {
        return nodes.stream().map(LocalServer::host).collect(Collectors.joining(","));
    }

    /** The one CQL port of every node (the job's {@code cassandra.port}). */
    public int cqlPort() {
        return cqlPort;
    }

    public String localDatacenter() {
        return LocalCassandra.LOCAL_DATACENTER;
    }

    /** Replicas per row: every node up to three. */
    public int replicationFactor() {
        return Math.min(3, nodes.size());
    }

    /** A driver-4 session builder with every node as a contact point. */
    public CqlSessionBuilder sessionBuilder() {
        return CqlSession.builder()
                .addContactPoints(contactPoints())
                .withLocalDatacenter(LocalCassandra.LOCAL_DATACENTER)
                .withConfigLoader(LocalCassandra.driverConfig());
    }

    /** A new session to every node; the caller closes it. */
    public CqlSession openSession() {
        return sessionBuilder().build();
    }

    /** Applies infra/cassandra/schema.cql with the keyspace replicated to {@link #replicationFactor()} nodes. */
    public void applySchema() {
        applySchema(SchemaTarget.of(TableLayout.SEED));
    }

    /**
     * As {@link LocalCassandra#applySchema(SchemaTarget)}, the keyspace created with NetworkTopologyStrategy
     * and {@link #replicationFactor()} replicas in {@code datacenter1} (idempotent; an existing keyspace keeps
     * its replication).
     */
    public void applySchema(SchemaTarget target) {
        try (CqlSession session = openSession()) {
            CassandraSchema.apply(session, target,
                    Replication.networkTopology(LocalCassandra.LOCAL_DATACENTER, replicationFactor()));
        }
    }

    /**
     * Hint files node {@code number} holds for other nodes (its node-local {@code system_views.pending_hints}).
     * Hints still in memory are not counted; they reach a file within a second.
     */
    public int pendingHintFiles(int number) {
        try (CqlSession session = openSession()) {
            return pendingHintFiles(session, number);
        }
    }

    /**
     * Returns once no running node holds hints for another, and none has for {@link #HINTS_SETTLED} (so none
     * was still in memory): what a restarted node missed while down has reached it.
     */
    public void awaitHintsDelivered(Duration timeout) throws TimeoutException {
        try (CqlSession session = openSession()) {
            long[] noneSince = {0};
            Wait.until("every hint delivered", timeout, () -> {
                int pending = 0;
                for (int number = 1; number <= nodes.size(); number++) {
                    if (node(number).isRunning()) {
                        pending += pendingHintFiles(session, number);
                    }
                }
                long now = System.nanoTime();
                if (pending > 0 || noneSince[0] == 0) {
                    noneSince[0] = pending > 0 ? 0 : now;
                    return false;
                }
                return now - noneSince[0] >= HINTS_SETTLED.toNanos();
            });
        }
    }

    private int pendingHintFiles(CqlSession session, int number) {
        Node target = driverNode(session, number);
        int files = 0;
        // A virtual table answers for the node that runs the query only: pin the statement to that node.
        for (Row row : session.execute(SimpleStatement.newInstance("SELECT files FROM system_views.pending_hints")
                .setNode(target))) {
            files += row.getInt("files");
        }
        return files;
    }

    private Node driverNode(CqlSession session, int number) {
        InetSocketAddress address = node(number).contactPoint();
        return session.getMetadata().getNodes().values().stream()
                .filter(candidate -> address.equals(candidate.getEndPoint().resolve()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The driver does not know node " + number + " (" + address + ")"));
    }

    /**
     * Every running node lists every other running node in system.peers_v2 (it knows their tokens), and the
     * driver reaches all of them.
     */
    private void awaitEveryNodeUp() {
        List<Integer> running = IntStream.rangeClosed(1, nodes.size()).filter(number -> node(number).isRunning())
                .boxed().toList();
        try (CqlSession session = openSession()) {
            Wait.until(running.size() + " Cassandra nodes up and known to each other", startTimeout, () -> {
                for (int number : running) {
                    Node node = driverNode(session, number);
                    if (node.getState() != NodeState.UP) {
                        return false;
                    }
                    long peersUp = 0;
                    for (Row peer : session.execute(SimpleStatement.newInstance(
                            "SELECT peer, tokens FROM system.peers_v2").setNode(node))) {
                        String peerHost = peer.getInetAddress("peer").getHostAddress();
                        boolean peerRunning = running.stream().anyMatch(other -> node(other).host().equals(peerHost));
                        if (peerRunning && peer.getSet("tokens", String.class).size() == 1) {
                            peersUp++;
                        }
                    }
                    if (peersUp != running.size() - 1) {
                        return false;
                    }
                }
                return true;
            });
        } catch (TimeoutException e) {
            throw new ServerStartException("The local Cassandra cluster did not come up: " + e.getMessage()
                    + "; node logs under " + nodes.get(0).logFile().getParent(), e);
        }
    }

    private static void inParallel(List<LocalCassandra> targets, Consumer<LocalCassandra> action) {
        if (targets.isEmpty()) {
            return;
        }
        ExecutorService executor = Executors.newFixedThreadPool(targets.size());
        try {
            List<CompletableFuture<Void>> runs = targets.stream()
                    .map(node -> CompletableFuture.runAsync(() -> action.accept(node), executor))
                    .toList();
            RuntimeException first = null;
            for (CompletableFuture<Void> run : runs) {
                try {
                    run.join();
                } catch (CompletionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException runtime
                            ? runtime : new IllegalStateException(e.getCause());
                    if (first == null) {
                        first = cause;
                    } else {
                        first.addSuppressed(cause);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            executor.shutdown();
        }
    }

    /** Settings for a {@link LocalCassandraCluster}; defaults: 3 nodes, work dir {@code .local}, ports 9042/7000, 512 MiB heap each. */
    public static final class Builder {
        private Path workDir = Path.of(".local");
        private int nodes = DEFAULT_NODES;
        private String heap = DEFAULT_NODE_HEAP;
        private int cqlPort = LocalCassandra.DEFAULT_CQL_PORT;
        private int storagePort = LocalCassandra.DEFAULT_STORAGE_PORT;
        private Duration startTimeout = Duration.ofSeconds(180);
        private Duration stopTimeout = Duration.ofSeconds(60);

        private Builder() {}

        /** Root of every node's config, data, log and PID file. */
        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        /** How many nodes, 1 to {@link ClusterNode#MAX_NODES}. */
        public Builder nodes(int nodes) {
            new ClusterNode(1, nodes); // validates the count
            this.nodes = nodes;
            return this;
        }

        /** JVM heap of each node, e.g. "512m". */
        public Builder heap(String heap) {
            this.heap = heap;
            return this;
        }

        public Builder cqlPort(int cqlPort) {
            this.cqlPort = cqlPort;
            return this;
        }

        public Builder storagePort(int storagePort) {
            this.storagePort = storagePort;
            return this;
        }

        /** Picks a CQL and a storage port that are free now on every node's address; call after {@link #nodes}. */
        public Builder freePorts() {
            List<String> addresses = IntStream.rangeClosed(1, nodes)
                    .mapToObj(number -> new ClusterNode(number, nodes).address()).toList();
            int[] ports = Ports.freePorts(2, addresses);
            return cqlPort(ports[0]).storagePort(ports[1]);
        }

        /** How long each node and then the whole cluster may take to come up. */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
            return this;
        }

        public LocalCassandraCluster build() {
            return new LocalCassandraCluster(this);
        }
    }
}
