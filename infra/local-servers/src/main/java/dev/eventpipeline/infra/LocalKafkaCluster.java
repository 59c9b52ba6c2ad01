package dev.eventpipeline.infra;

import dev.eventpipeline.infra.kafka.KafkaTopics;
import dev.eventpipeline.infra.kafka.KraftIdentity;
import dev.eventpipeline.infra.kafka.Replication;
import dev.eventpipeline.infra.kafka.TopicSpec;
import dev.eventpipeline.infra.process.Ports;
import dev.eventpipeline.infra.process.Wait;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * Kafka 4 brokers in KRaft mode, each its own JVM on loopback and each a combined broker and controller, so
 * with three nodes the metadata quorum and every partition survive one node crashing. Node {@code n} (1-based)
 * has {@code node.id=n} and lives in {@code <workDir>/kafka-<n>/}, logging to {@code logs/kafka-<n>.log}.
 * Topics are created with {@link #replicationFactor()} copies and {@link #minInsyncReplicas()}.
 *
 * <pre>{@code
 * LocalKafkaCluster kafka = LocalKafkaCluster.builder().workDir(dir).freePorts().build();
 * kafka.start();
 * kafka.createPipelineTopics();   // replication factor 3, min.insync.replicas 2
 * kafka.killNode(kafka.leaderOf("user-events", 0));
 * }</pre>
 */
public final class LocalKafkaCluster {

    public static final int DEFAULT_NODES = 3;
    /** Measured enough for test traffic; see the README's cluster section for RSS. */
    public static final String DEFAULT_HEAP = "384m";

    private final List<LocalKafka> nodes;
    private final Replication replication;
    private final Duration startTimeout;

    private LocalKafkaCluster(Builder builder) {
        Path workDir = builder.workDir.toAbsolutePath().normalize();
        int[] ports = builder.ports();
        Map<Integer, Integer> controllerPorts = new LinkedHashMap<>();
        for (int number = 1; number <= builder.nodes; number++) {
            controllerPorts.put(number, ports[2 * (number - 1) + 1]);
        }
        String clusterId = existingClusterId(workDir, builder.nodes);
        List<LocalKafka> built = new ArrayList<>();
        for (int number = 1; number <= builder.nodes; number++) {
            built.add(LocalKafka.builder()
                    .workDir(workDir)
                    .heap(builder.heap)
                    .startTimeout(builder.startTimeout)
                    .stopTimeout(builder.stopTimeout)
                    .brokerPort(ports[2 * (number - 1)])
                    .identity(KraftIdentity.clusterNode(number, clusterId, controllerPorts))
                    .build());
        }
        this.nodes = List.copyOf(built);
        this.replication = Replication.forNodes(builder.nodes);
        this.startTimeout = builder.startTimeout;
    }

    /**
     * The id the nodes already formatted here share, so a node formatted later (its storage deleted) joins
     * them; a fresh one when none is formatted.
     */
    private static String existingClusterId(Path workDir, int nodes) {
        for (int number = 1; number <= nodes; number++) {
            Path dataDir = LocalKafka.dataDir(workDir.resolve(LocalKafka.clusterNodeServerId(number)));
            Optional<String> recorded = LocalKafka.clusterIdIn(dataDir);
            if (recorded.isPresent()) {
                return recorded.get();
            }
        }
        return Uuid.randomUuid().toString();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats (first time only) and starts every node in parallel, and returns once every broker is registered
     * and the metadata quorum has a leader. A node already running is only awaited. If a node fails to start,
     * the others are stopped and its failure (e.g. a port in use) is thrown.
     */
    public void start() {
        try {
            onEveryNode(node -> {
                node.start();
                return null;
            });
            Wait.until("all " + nodes.size() + " Kafka brokers registered under a quorum leader", startTimeout,
                    this::allBrokersUnderALeader);
        } catch (RuntimeException | TimeoutException e) {
            stop();
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getMessage(), e);
        }
    }

    private boolean allBrokersUnderALeader() throws Exception {
        try (Admin admin = admin()) {
            int registered = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
            int leader = admin.describeMetadataQuorum().quorumInfo().get(5, TimeUnit.SECONDS).leaderId();
            return registered == nodes.size() && leader >= 0;
        }
    }

    /** Stops every node gracefully, in parallel. Returns false if any had to be killed. */
    public boolean stop() {
        return onEveryNode(LocalKafka::stop).stream().allMatch(Boolean::booleanValue);
    }

    private <T> List<T> onEveryNode(Function<LocalKafka, T> action) {
        ExecutorService executor = Executors.newFixedThreadPool(nodes.size(), runnable -> {
            Thread thread = new Thread(runnable, "local-kafka-cluster");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<T>> results = nodes.stream()
                    .map(node -> CompletableFuture.supplyAsync(() -> action.apply(node), executor))
                    .toList();
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
            List<T> values = new ArrayList<>();
            for (CompletableFuture<T> result : results) {
                try {
                    values.add(result.join());
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            }
            return values;
        } finally {
            executor.shutdown();
        }
    }

    /** Node {@code number}, 1-based (its {@code node.id}). */
    public LocalKafka node(int number) {
        if (number < 1 || number > nodes.size()) {
            throw new IllegalArgumentException("No node " + number + ": the cluster has nodes 1.." + nodes.size());
        }
        return nodes.get(number - 1);
    }

    public List<LocalKafka> nodes() {
        return nodes;
    }

    /** SIGKILL of node {@code number} via its PID file, as a crash would; its data stays for {@link #startNode}. */
    public void killNode(int number) {
        node(number).kill();
    }

    /** Starts node {@code number} again and returns once its broker is registered (unfenced). */
    public void startNode(int number) {
        node(number).start();
    }

    /** Every broker, for Kafka clients' {@code bootstrap.servers}: any live one will do. */
    public String bootstrapServers() {
        return nodes.stream().map(LocalKafka::bootstrapServers).collect(Collectors.joining(","));
    }

    /** What a Kafka client needs to connect (plaintext: {@code bootstrap.servers}); a new map to add to. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return properties;
    }

    /** A new admin client on all brokers; the caller closes it. */
    public Admin admin() {
        return LocalKafka.admin(clientProperties());
    }

    /** Copies of each partition: min(3, nodes). */
    public short replicationFactor() {
        return replication.factor();
    }

    /** Replicas that must have a record before an {@code acks=all} producer hears back: min(2, nodes). */
    public int minInsyncReplicas() {
        return replication.minInsyncReplicas();
    }

    /**
     * Creates the topics that do not exist, at this cluster's replication whatever the specs say, and returns
     * once a broker describes every partition of each with a leader. Other brokers may apply the new metadata
     * a moment later (a describe there can still say "unknown topic"; clients retry that).
     */
    public List<String> createTopics(Collection<TopicSpec> topics) {
        List<String> created;
        try (Admin admin = admin()) {
            created = KafkaTopics.createMissing(admin, topics.stream().map(topic -> topic.replicated(replication)).toList());
        }
        for (String topic : created) {
            try {
                Wait.until(topic + " led in every partition", startTimeout,
                        () -> describe(topic).partitions().stream().allMatch(LocalKafkaCluster::hasLeader));
            } catch (TimeoutException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return created;
    }

    private static boolean hasLeader(TopicPartitionInfo partition) {
        return partition.leader() != null && !partition.leader().isEmpty();
    }

    /** Creates the pipeline's topics (infra/kafka/topics.properties) at this cluster's replication. */
    public List<String> createPipelineTopics() {
        return createTopics(KafkaTopics.pipelineTopics());
    }

    /**
     * The number of the node leading {@code partition} of {@code topic}.
     *
     * @throws IllegalStateException while it has no leader (e.g. between a leader's crash and its fencing)
     */
    public int leaderOf(String topic, int partition) {
        TopicPartitionInfo info = describe(topic).partitions().get(partition);
        if (!hasLeader(info)) {
            throw new IllegalStateException("Partition " + topic + "-" + partition + " has no leader");
        }
        return info.leader().id();
    }

    /** Returns once every partition of {@code topic} has all its replicas in sync (e.g. after a node rejoined). */
    public void awaitFullyReplicated(String topic, Duration timeout) throws TimeoutException {
        Wait.until(topic + " fully replicated", timeout, () -> describe(topic).partitions().stream()
                .allMatch(LocalKafkaCluster::fullyInSync));
    }

    private static boolean fullyInSync(TopicPartitionInfo partition) {
        return partition.isr().size() == partition.replicas().size();
    }

    private TopicDescription describe(String topic) {
        try (Admin admin = admin()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing " + topic, e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not describe " + topic + ": " + e, e);
        }
    }

    /**
     * Settings for a {@link LocalKafkaCluster}; defaults: work dir {@code .local}, 3 nodes with 384 MiB heap each,
     * node {@code n} on broker port {@code 9092 + 2(n-1)} and controller port one above it.
     */
    public static final class Builder {

        private Path workDir = Path.of(".local");
        private int nodes = DEFAULT_NODES;
        private String heap = DEFAULT_HEAP;
        private Duration startTimeout = Duration.ofSeconds(120);
        private Duration stopTimeout = Duration.ofSeconds(60);
        private boolean freePorts;
        private int basePort = LocalKafka.DEFAULT_BROKER_PORT;

        private Builder() {}

        /** Root of the nodes' config, data, logs and PID files. */
        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        /** How many nodes, each a broker and a voter of the metadata quorum; 3 by default. */
        public Builder nodes(int nodes) {
            Replication.forNodes(nodes); // rejects fewer than one
            this.nodes = nodes;
            return this;
        }

        /** JVM heap of each node, e.g. "384m". */
        public Builder heap(String heap) {
            this.heap = heap;
            return this;
        }

        /** How long each node, and then the whole quorum, may take to become ready. */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /** How long a node's graceful stop may take before it is killed. */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
            return this;
        }

        /**
         * Node {@code n}'s broker port is {@code basePort + 2(n-1)}, its controller port one above it
         * (default base 9092).
         */
        public Builder basePort(int basePort) {
            if (basePort < 1 || basePort > 65535) {
                throw new IllegalArgumentException("Not a port: " + basePort);
            }
            this.basePort = basePort;
            return this;
        }

        /** Ports picked free now (two per node), so a test never clashes with a local stack on the defaults. */
        public Builder freePorts() {
            this.freePorts = true;
            return this;
        }

        private int[] ports() {
            if (freePorts) {
                return Ports.freePorts(2 * nodes);
            }
            int[] ports = new int[2 * nodes];
            if (basePort + ports.length - 1 > 65535) {
                throw new IllegalArgumentException("No room for " + ports.length + " ports from " + basePort);
            }
            for (int i = 0; i < ports.length; i++) {
                ports[i] = basePort + i;
            }
            return ports;
        }

        public LocalKafkaCluster build() {
            return new LocalKafkaCluster(this);
        }
    }
}
