package dev.eventpipeline.infra.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.eventpipeline.infra.LocalCassandra;
import dev.eventpipeline.infra.LocalCassandraCluster;
import dev.eventpipeline.infra.LocalKafka;
import dev.eventpipeline.infra.LocalKafkaCluster;
import dev.eventpipeline.infra.LocalServer;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.security.CassandraRole;
import dev.eventpipeline.infra.security.LocalSecurity;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Where the local stack lives and which ports it uses; mixed into every subcommand that touches it.
 * Ports, {@code --nodes} and {@code --secure} given to `up` are remembered in {@code <work dir>/stack.properties}, so the
 * other commands need no repeated options.
 */
public final class StackOptions {

    /** Set by infra/bin/pipeline to the repository root, so the default work dir does not depend on the cwd. */
    static final String ROOT_PROPERTY = "pipeline.root";
    private static final String SECURE_KEY = "secure";
    private static final String NODES_KEY = "nodes";
    /** The largest replicated stack `up --nodes` starts: three of each fill 2 cores and ~5 GiB already. */
    static final int MAX_NODES = 3;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Data, logs and PID files (default: <repo>/.local).")
    Path workDir;

    @Option(names = "--kafka-port", paramLabel = "PORT", description = "Kafka broker port (default 9092).")
    Integer kafkaPort;

    @Option(names = "--kafka-controller-port", paramLabel = "PORT", description = "Kafka controller port (default 9093).")
    Integer kafkaControllerPort;

    @Option(names = "--cassandra-port", paramLabel = "PORT", description = "Cassandra CQL port (default 9042).")
    Integer cassandraPort;

    @Option(names = "--cassandra-storage-port", paramLabel = "PORT",
            description = "Cassandra inter-node port (default 7000).")
    Integer cassandraStoragePort;

    @Option(names = "--secure", negatable = true,
            description = {"TLS and authentication: Kafka SASL_SSL/SCRAM, Cassandra roles over TLS, a throwaway CA and "
                    + "generated credentials under <work dir>/secure (remembered by `up`; --no-secure: plaintext)."})
    Boolean secure;

    @Option(names = "--cassandra-heap", paramLabel = "SIZE",
            description = "Cassandra heap per node, e.g. 1g (default 1g for one node, 512m each for a cluster).")
    String cassandraHeap;

    @Option(names = "--nodes", paramLabel = "N",
            description = {"1 (default): one Kafka broker, one Cassandra node. 2 or 3: a replicated stack, a KRaft cluster "
                    + "(node n on Kafka port + 2(n-1)) and a Cassandra cluster on 127.0.0.1..n, topics at replication "
                    + "min(3, n) with min.insync.replicas min(2, n), the keyspace on NetworkTopologyStrategy with n "
                    + "replicas (remembered by `up`)."})
    Integer nodes;

    public Path workDir() {
        return (workDir != null ? workDir : Path.of(System.getProperty(ROOT_PROPERTY, "."), ".local"))
                .toAbsolutePath().normalize();
    }

    /** Whether the stack is secured: as given, else as the last `up` recorded it, else not. */
    public boolean secure() {
        return secure != null ? secure : Boolean.parseBoolean(recorded().getProperty(SECURE_KEY, "false"));
    }

    /** How many nodes of each server: as given, else as the last `up` recorded it, else one. */
    public int nodes() {
        int count = nodes != null ? nodes : Integer.parseInt(recorded().getProperty(NODES_KEY, "1"));
        if (count < 1 || count > MAX_NODES) {
            throw new IllegalArgumentException("--nodes must be 1 to " + MAX_NODES + ", not " + count
                    + " (1: single servers; 3: replicated clusters)");
        }
        return count;
    }

    /**
     * Refuses what the stack in the work dir cannot become: a switch between plaintext and secured (its Kafka
     * storage was formatted with, or without, the SCRAM users), a secured cluster (security is single-node
     * only), a cluster on an explicit controller port (each node takes the port above its broker's), and a
     * different node count while the other layout still runs (both use the same ports).
     * `pipeline clean` deletes the data, and with it the old mode.
     */
    void requireCompatibleWithExistingStack() {
        int count = nodes();
        if (count > 1 && secure()) {
            throw new IllegalArgumentException("--secure works with one node only; use `--nodes 1 --secure`, "
                    + "or `--nodes " + count + "` without --secure (the replicated stack is plaintext)");
        }
        if (count > 1 && kafkaControllerPort != null) {
            throw new IllegalArgumentException("--kafka-controller-port applies to one node only; with --nodes " + count
                    + " node n takes --kafka-port + 2(n-1) and the port above it as its controller port");
        }
        Properties recorded = recorded();
        boolean existing = Boolean.parseBoolean(recorded.getProperty(SECURE_KEY, "false"));
        boolean hasData = Files.exists(workDir().resolve("kafka/data/meta.properties"));
        if (hasData && count == 1 && existing != secure()) {
            throw new IllegalStateException("The stack in " + workDir() + " was created " + (existing ? "secured" : "plaintext")
                    + "; to switch, stop it and delete its data with `pipeline clean`, or use another --work-dir.");
        }
        int recordedNodes = Integer.parseInt(recorded.getProperty(NODES_KEY, "1"));
        if (recordedNodes != count) {
            List<LocalServer> running = serversOf(recordedNodes, recorded).servers().stream()
                    .filter(LocalServer::isRunning).toList();
            if (!running.isEmpty()) {
                throw new IllegalStateException("The stack in " + workDir() + " runs with " + recordedNodes + " node"
                        + (recordedNodes == 1 ? "" : "s") + " of each (" + running.get(0).displayName() + " pid "
                        + running.get(0).pid().orElse(-1L) + "); stop it with `pipeline down` before `up --nodes "
                        + count + "`, or use another --work-dir.");
            }
        }
    }

    public LocalServers servers() {
        return serversOf(nodes(), recorded());
    }

    private LocalServers serversOf(int count, Properties recorded) {
        int kafkaBrokerPort = pick(kafkaPort, recorded, "kafka.port", LocalKafka.DEFAULT_BROKER_PORT);
        int cql = pick(cassandraPort, recorded, "cassandra.port", LocalCassandra.DEFAULT_CQL_PORT);
        int storage = pick(cassandraStoragePort, recorded, "cassandra.storage.port", LocalCassandra.DEFAULT_STORAGE_PORT);
        if (count > 1) {
            return new LocalServers(
                    LocalKafkaCluster.builder().workDir(workDir()).nodes(count).basePort(kafkaBrokerPort).build(),
                    LocalCassandraCluster.builder().workDir(workDir()).nodes(count).cqlPort(cql).storagePort(storage)
                            .heap(cassandraHeap(recorded, LocalCassandraCluster.DEFAULT_NODE_HEAP)).build());
        }
        LocalSecurity security = secure() ? LocalSecurity.standard() : null;
        LocalKafka kafka = LocalKafka.builder()
                .workDir(workDir())
                .security(security)
                .brokerPort(kafkaBrokerPort)
                .controllerPort(pick(kafkaControllerPort, recorded, "kafka.controller.port",
                        LocalKafka.DEFAULT_CONTROLLER_PORT))
                .build();
        LocalCassandra cassandra = LocalCassandra.builder()
                .workDir(workDir())
                .security(security)
                .cqlPort(cql)
                .storagePort(storage)
                .heap(cassandraHeap(recorded, LocalCassandra.DEFAULT_HEAP))
                .build();
        return new LocalServers(kafka, cassandra);
    }

    /** As given; else as recorded when `up` was given one; else the layout's default. */
    private String cassandraHeap(Properties recorded, String fallback) {
        return cassandraHeap != null ? cassandraHeap : recorded.getProperty("cassandra.heap", fallback);
    }

    /** Remembers the settings `up` used. */
    void record(LocalServers servers) {
        Properties properties = new Properties();
        properties.setProperty(NODES_KEY, Integer.toString(nodes()));
        properties.setProperty("kafka.port", Integer.toString(servers.kafka().brokerPort()));
        if (!servers.replicated()) {
            properties.setProperty("kafka.controller.port", Integer.toString(servers.kafka().controllerPort()));
        }
        properties.setProperty("cassandra.port", Integer.toString(servers.cassandra().cqlPort()));
        properties.setProperty("cassandra.storage.port", Integer.toString(servers.cassandra().storagePort()));
        properties.setProperty(SECURE_KEY, Boolean.toString(secure()));
        String heap = cassandraHeap != null ? cassandraHeap : recorded().getProperty("cassandra.heap");
        if (heap != null) { // only a heap the user chose: the default differs between one node and a cluster
            properties.setProperty("cassandra.heap", heap);
        }
        try {
            Files.createDirectories(workDir());
            try (Writer out = Files.newBufferedWriter(stackFile())) {
                properties.store(out, "Settings of the last `pipeline up`; options given on the command line win.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + stackFile(), e);
        }
    }

    /** A session for reading the events table: the reader role over TLS when secured. The caller closes it. */
    static CqlSession readerSession(LocalServers servers) {
        return servers.security().isPresent() ? servers.openCassandraSession(CassandraRole.READER)
                : servers.openCassandraSession();
    }

    private Properties recorded() {
        Properties properties = new Properties();
        if (Files.isRegularFile(stackFile())) {
            try (Reader in = Files.newBufferedReader(stackFile())) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + stackFile(), e);
            }
        }
        return properties;
    }

    private Path stackFile() {
        return workDir().resolve("stack.properties");
    }

    private static int pick(Integer given, Properties recorded, String key, int fallback) {
        return given != null ? given : Integer.parseInt(recorded.getProperty(key, Integer.toString(fallback)));
    }
}
