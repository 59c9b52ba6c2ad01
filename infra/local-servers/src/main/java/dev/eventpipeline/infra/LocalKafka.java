package dev.eventpipeline.infra;

import dev.eventpipeline.infra.kafka.KafkaServerFiles;
import dev.eventpipeline.infra.kafka.KafkaTopics;
import dev.eventpipeline.infra.kafka.KraftIdentity;
import dev.eventpipeline.infra.kafka.TopicSpec;
import dev.eventpipeline.infra.process.JavaCommand;
import dev.eventpipeline.infra.process.LogTail;
import dev.eventpipeline.infra.process.Ports;
import dev.eventpipeline.infra.process.ServerProcess;
import dev.eventpipeline.infra.security.Credential;
import dev.eventpipeline.infra.security.StackSecurity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka 4 broker (KRaft, combined broker and controller) running as its own JVM: the only node (id
 * {@code kafka}, the default) or one node of a {@link LocalKafkaCluster} (id {@code kafka-<node id>}, see
 * {@link Builder#identity(KraftIdentity)}). Storage is formatted on the first start; data survives stop/start
 * and kill/start.
 *
 * <pre>{@code
 * LocalKafka kafka = LocalKafka.builder().workDir(dir).freePorts().build();
 * kafka.start();
 * kafka.bootstrapServers(); // "127.0.0.1:<port>"
 * }</pre>
 */
public final class LocalKafka extends LocalServer {

    public static final int DEFAULT_BROKER_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;
    public static final String DEFAULT_HEAP = "512m";

    static final String MAIN_CLASS = "kafka.Kafka";
    private static final String STORAGE_TOOL = "kafka.tools.StorageTool";

    private final KraftIdentity identity;
    private final int brokerPort;
    private final int controllerPort;

    private LocalKafka(Builder builder) {
        super(serverId(builder.identity), "kafka",
                builder.identity.isStandalone() ? "Kafka" : "Kafka node " + builder.identity.nodeId(),
                MAIN_CLASS, builder, "Kafka broker", "Kafka controller");
        this.identity = builder.identity;
        this.brokerPort = builder.clientPort;
        this.controllerPort = builder.internalPort;
    }

    /** Names the node's directory, log and PID file: "kafka" alone, "kafka-2" as node 2 of a cluster. */
    static String serverId(KraftIdentity identity) {
        return identity.isStandalone() ? "kafka" : clusterNodeServerId(identity.nodeId());
    }

    static String clusterNodeServerId(int nodeId) {
        return "kafka-" + nodeId;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** For Kafka clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return Ports.LOOPBACK + ":" + brokerPort;
    }

    public int brokerPort() {
        return brokerPort;
    }

    public int controllerPort() {
        return controllerPort;
    }

    /** Its KRaft {@code node.id} (1 when standalone). */
    public int nodeId() {
        return identity.nodeId();
    }

    /**
     * What a Kafka client needs to connect as the pipeline's user: {@code bootstrap.servers}, and on a
     * secured broker the SASL_SSL settings ({@link StackSecurity#kafkaPipelineProperties()}). Holds secrets
     * when secured: never log it.
     */
    public Map<String, Object> clientProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        security().ifPresent(security -> properties.putAll(security.kafkaPipelineProperties()));
        return properties;
    }

    /** As {@link #clientProperties()}, as the admin user (the broker's own) when secured. */
    public Map<String, Object> adminClientProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        security().ifPresent(security -> properties.putAll(security.kafkaAdminProperties()));
        return properties;
    }

    /** A new admin client on this broker (the admin user when secured); the caller closes it. */
    public Admin admin() {
        return admin(adminClientProperties());
    }

    /** An admin client with this project's timeouts on {@code clientProperties}; the caller closes it. */
    static Admin admin(Map<String, Object> clientProperties) {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return Admin.create(properties);
    }

    /** Creates the given topics unless they exist; returns the names created. */
    public List<String> createTopics(Collection<TopicSpec> topics) {
        try (Admin admin = admin()) {
            return KafkaTopics.createMissing(admin, topics);
        }
    }

    /** Creates the pipeline's topics (infra/kafka/topics.properties) unless they exist. */
    public List<String> createPipelineTopics() {
        return createTopics(KafkaTopics.pipelineTopics());
    }

    @Override
    void prepare() throws IOException {
        Path dataDir = dataDir();
        Files.createDirectories(dataDir);
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            formatStorage();
        }
    }

    /**
     * KRaft needs its log directory formatted once, with a cluster id: alone, a fresh one and this node as the
     * only voter; in a cluster, the cluster's (the voters are in server.properties).
     */
    private void formatStorage() {
        List<String> arguments = new ArrayList<>(List.of("format",
                "--cluster-id", identity.clusterId().orElseGet(() -> Uuid.randomUuid().toString()),
                "--config", serverProperties().toString()));
        if (identity.isStandalone()) {
            arguments.add("--standalone");
        }
        security().ifPresent(security -> {
            // The SCRAM users exist from the first start: the broker's own (inter-broker) and the pipeline's.
            for (Credential user : List.of(security.credentials().kafkaAdmin(), security.credentials().kafkaPipeline())) {
                arguments.addAll(List.of("--add-scram",
                        "SCRAM-SHA-512=[name=" + user.user() + ",password=" + user.password() + "]"));
            }
        });
        // The arguments hold passwords when secured: in an @argfile, never on the tool's command line.
        int exitCode = ServerProcess.runToCompletionHidingArguments(command().withMain(STORAGE_TOOL, arguments),
                serverDir().resolve("format.args"), serverDir(), logFile(), Duration.ofMinutes(2));
        if (exitCode != 0) {
            throw new IllegalStateException("Formatting Kafka storage failed (exit " + exitCode + "). Last "
                    + LOG_TAIL_LINES + " lines of " + logFile() + ":" + System.lineSeparator()
                    + LogTail.lastLines(logFile(), LOG_TAIL_LINES));
        }
    }

    @Override
    Map<String, String> configFiles() {
        String serverProperties = security()
                .map(security -> KafkaServerFiles.secureServerProperties(identity, Ports.LOOPBACK, brokerPort,
                        controllerPort, dataDir(), security))
                .orElseGet(() -> KafkaServerFiles.serverProperties(identity, Ports.LOOPBACK, brokerPort, controllerPort,
                        dataDir()));
        return Map.of("server.properties", serverProperties, "log4j2.properties", KafkaServerFiles.LOG4J2_PROPERTIES);
    }

    @Override
    JavaCommand command() {
        List<String> jvmOptions = List.of(
                "-Xms" + heap(), "-Xmx" + heap(),
                "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + serverDir().resolve("log4j2.properties"));
        return new JavaCommand(jvmOptions, classpathArgs(), MAIN_CLASS,
                List.of(serverProperties().toString()));
    }

    @Override
    boolean isReady() throws Exception {
        if (!Ports.isListening(brokerPort)) {
            return false;
        }
        try (Admin admin = admin()) {
            // Its own broker registered and unfenced: in a cluster the others may have been ready long before.
            return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream()
                    .anyMatch(node -> node.id() == identity.nodeId());
        }
    }

    /** The cluster id its storage was formatted with; empty before the first start. */
    public Optional<String> formattedClusterId() {
        return clusterIdIn(dataDir());
    }

    /** The cluster id in a node's formatted {@code dataDir}; empty when it is not formatted. */
    static Optional<String> clusterIdIn(Path dataDir) {
        Path metaProperties = dataDir.resolve("meta.properties");
        if (!Files.isRegularFile(metaProperties)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(metaProperties)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + metaProperties, e);
        }
        return Optional.ofNullable(properties.getProperty("cluster.id"));
    }

    private Path dataDir() {
        return dataDir(serverDir());
    }

    static Path dataDir(Path serverDir) {
        return serverDir.resolve("data");
    }

    private Path serverProperties() {
        return serverDir().resolve("server.properties");
    }

    /** Settings for a {@link LocalKafka}; defaults: work dir {@code .local}, ports 9092/9093, 512 MiB heap. */
    public static final class Builder extends ServerSettings<Builder> {

        private KraftIdentity identity = KraftIdentity.standalone();

        private Builder() {
            super(DEFAULT_HEAP, Duration.ofSeconds(90), DEFAULT_BROKER_PORT, DEFAULT_CONTROLLER_PORT);
        }

        /**
         * Which node of which quorum it is; {@link KraftIdentity#standalone()} by default. A cluster node's
         * controller port is its entry among the voters (set here; {@link #freePorts()} after this would
         * break the quorum, and build() refuses it).
         */
        public Builder identity(KraftIdentity identity) {
            this.identity = identity;
            identity.ownControllerPort().ifPresent(this::controllerPort);
            return this;
        }

        public Builder brokerPort(int brokerPort) {
            return clientPort(brokerPort);
        }

        public Builder controllerPort(int controllerPort) {
            return internalPort(controllerPort);
        }

        public LocalKafka build() {
            identity.ownControllerPort().filter(voterPort -> voterPort != internalPort).ifPresent(voterPort -> {
                throw new IllegalStateException("Node " + identity.nodeId() + " is a voter on controller port "
                        + voterPort + " but would listen on " + internalPort);
            });
            return new LocalKafka(this);
        }
    }
}
