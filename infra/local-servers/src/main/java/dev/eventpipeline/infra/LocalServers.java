package dev.eventpipeline.infra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.eventpipeline.infra.cassandra.SchemaTarget;
import dev.eventpipeline.infra.kafka.KafkaTopics;
import dev.eventpipeline.infra.kafka.TopicSpec;
import dev.eventpipeline.infra.process.Wait;
import dev.eventpipeline.infra.security.CassandraRole;
import dev.eventpipeline.infra.security.StackSecurity;
import dev.eventpipeline.model.TableLayout;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * Kafka and Cassandra together, with the pipeline's topics and schema applied.
 *
 * <p>Tests in any module use {@link #shared()}: one pair per test JVM, on free ports, stopped when
 * the JVM exits.
 *
 * <pre>{@code
 * LocalServers servers = LocalServers.shared();
 * servers.truncateUserEvents();
 * String topic = servers.createFreshTopic("my-test", 3);
 * producerProps.put("bootstrap.servers", servers.bootstrapServers());
 * CqlSession session = servers.session(); // shared, do not close
 * }</pre>
 */
public final class LocalServers implements AutoCloseable {

    /** Overrides where {@link #shared()} keeps its servers (default: a fresh directory under ./target, deleted at exit). */
    public static final String SHARED_WORK_DIR_PROPERTY = "eventpipeline.localservers.workdir";
    /** Overrides the shared Cassandra's heap (default 1g). */
    public static final String SHARED_CASSANDRA_HEAP_PROPERTY = "eventpipeline.localservers.cassandra.heap";

    private static LocalServers shared;

    private final LocalKafka kafka;
    private final LocalCassandra cassandra;
    /** Null for a single-node stack. */
    private final LocalKafkaCluster kafkaCluster;
    /** Null for a single-node stack. */
    private final LocalCassandraCluster cassandraCluster;
    private CqlSession session;

    /** One Kafka node and one Cassandra node: topics and keyspace with one replica. */
    public LocalServers(LocalKafka kafka, LocalCassandra cassandra) {
        this.kafka = kafka;
        this.cassandra = cassandra;
        this.kafkaCluster = null;
        this.cassandraCluster = null;
    }

    /**
     * Replicated: a Kafka cluster (topics at its replication factor and min.insync.replicas) and a Cassandra
     * cluster (the keyspace with NetworkTopologyStrategy at its replication factor).
     */
    public LocalServers(LocalKafkaCluster kafka, LocalCassandraCluster cassandra) {
        this.kafka = kafka.node(1);
        this.cassandra = cassandra.node(1);
        this.kafkaCluster = kafka;
        this.cassandraCluster = cassandra;
    }

    /** True for a stack of clusters ({@link #LocalServers(LocalKafkaCluster, LocalCassandraCluster)}). */
    public boolean replicated() {
        return kafkaCluster != null;
    }

    /** The Kafka cluster of a replicated stack. */
    public LocalKafkaCluster kafkaCluster() {
        if (kafkaCluster == null) {
            throw new IllegalStateException("This stack has a single Kafka node, no cluster");
        }
        return kafkaCluster;
    }

    /** The Cassandra cluster of a replicated stack. */
    public LocalCassandraCluster cassandraCluster() {
        if (cassandraCluster == null) {
            throw new IllegalStateException("This stack has a single Cassandra node, no cluster");
        }
        return cassandraCluster;
    }

    /** Every server JVM of the stack: the Kafka nodes, then the Cassandra nodes. */
    public List<LocalServer> servers() {
        List<LocalServer> all = new ArrayList<>();
        all.addAll(kafkaCluster != null ? kafkaCluster.nodes() : List.of(kafka));
        all.addAll(cassandraCluster != null ? cassandraCluster.nodes() : List.of(cassandra));
        return List.copyOf(all);
    }

    /**
     * The per-JVM servers for tests: started on first use on free ports, topics and schema applied,
     * stopped (and their temporary work directory deleted) by a shutdown hook.
     */
    public static synchronized LocalServers shared() {
        if (shared == null) {
            shared = SharedLocalServers.create();
        }
        return shared;
    }

    /** Starts both servers (in parallel, they are independent), then creates the topics and applies the schema. */
    public void start() {
        CompletableFuture<Void> kafkaStarted = CompletableFuture.runAsync(kafkaCluster != null ? kafkaCluster::start : kafka::start);
        CompletableFuture<Void> cassandraStarted = CompletableFuture.runAsync(
                cassandraCluster != null ? cassandraCluster::start : cassandra::start);
        try {
            join(kafkaStarted);
            join(cassandraStarted);
        } catch (RuntimeException e) {
            stop(); // never leave one half running
            throw e;
        }
        createPipelineTopics();
        applySchema(SchemaTarget.of(TableLayout.SEED));
    }

    /** Creates the pipeline's topics that are missing, at the stack's replication; returns the names it created. */
    public List<String> createPipelineTopics() {
        return kafkaCluster != null ? kafkaCluster.createPipelineTopics() : kafka.createPipelineTopics();
    }

    /** Applies the schema for {@code target} (idempotent), the keyspace replicated as the stack is. */
    public void applySchema(SchemaTarget target) {
        if (cassandraCluster != null) {
            cassandraCluster.applySchema(target);
        } else {
            cassandra.applySchema(target);
        }
    }

    private static void join(CompletableFuture<Void> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** Stops both servers gracefully (closing the shared session first). */
    public synchronized void stop() {
        if (session != null) {
            session.close();
            session = null;
        }
        CompletableFuture<Boolean> kafkaStopped = CompletableFuture.supplyAsync(kafkaCluster != null ? kafkaCluster::stop : kafka::stop);
        if (cassandraCluster != null) {
            cassandraCluster.stop();
        } else {
            cassandra.stop();
        }
        kafkaStopped.join();
    }

    @Override
    public void close() {
        stop();
    }

    /** The Kafka node (node 1 of a replicated stack). */
    public LocalKafka kafka() {
        return kafka;
    }

    /** The Cassandra node (node 1 of a replicated stack). */
    public LocalCassandra cassandra() {
        return cassandra;
    }

    /** Every broker, comma-separated. */
    public String bootstrapServers() {
        return kafkaCluster != null ? kafkaCluster.bootstrapServers() : kafka.bootstrapServers();
    }

    /** Node 1's CQL address (they share the port; see {@link #cassandraContactPointHosts()}). */
    public InetSocketAddress cassandraContactPoint() {
        return cassandra.contactPoint();
    }

    /** Every Cassandra node's CQL address. */
    public List<InetSocketAddress> cassandraContactPoints() {
        return cassandraCluster != null ? cassandraCluster.contactPoints() : List.of(cassandra.contactPoint());
    }

    /** Every Cassandra node's address, comma-separated, as the job's {@code cassandra.contact-points} takes them. */
    public String cassandraContactPointHosts() {
        return cassandraCluster != null ? cassandraCluster.contactPointHosts() : cassandra.contactPoint().getHostString();
    }

    public String cassandraLocalDatacenter() {
        return cassandra.localDatacenter();
    }

    /**
     * The secured stack's files and credentials (CA certificate, truststore, client keystore, credentials
     * file, client settings); empty when the servers run plaintext.
     */
    public Optional<StackSecurity> security() {
        return kafka.security();
    }

    /**
     * Kafka client settings as the pipeline's user: {@code bootstrap.servers}, plus SASL_SSL/SCRAM and the
     * truststore when secured. Holds secrets when secured: never log it.
     */
    public Map<String, Object> kafkaClientProperties() {
        return withAllBrokers(kafka.clientProperties());
    }

    /** As {@link #kafkaClientProperties()}, as the admin user when secured. */
    public Map<String, Object> kafkaAdminClientProperties() {
        return withAllBrokers(kafka.adminClientProperties());
    }

    private Map<String, Object> withAllBrokers(Map<String, Object> properties) {
        properties.put(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return properties;
    }

    /** A new session as {@code role} over TLS (secured servers only); the caller closes it. */
    public CqlSession openCassandraSession(CassandraRole role) {
        return cassandra.openSession(role);
    }

    /**
     * The job's options for these servers: Kafka's bootstrap servers and Cassandra's contact point, port and
     * datacenter, and when secured {@code --config <secure/job-secure.properties>} (mode 600: the pipeline's
     * Kafka user and the Cassandra writer role, over TLS). No secret is ever among the arguments.
     */
    public List<String> jobArguments() {
        List<String> arguments = new ArrayList<>(List.of(
                "--kafka.bootstrap-servers", bootstrapServers(),
                "--cassandra.contact-points", cassandraContactPointHosts(),
                "--cassandra.port", Integer.toString(cassandraContactPoint().getPort()),
                "--cassandra.local-datacenter", cassandraLocalDatacenter()));
        security().ifPresent(security -> arguments.addAll(List.of("--config", security.writeJobConfig().toString())));
        return arguments;
    }

    /**
     * A new session to every Cassandra node (as the admin role when secured), for callers that must not
     * depend on node 1 alone; the caller closes it.
     */
    public CqlSession openCassandraSession() {
        return cassandraCluster != null ? cassandraCluster.openSession() : cassandra.openSession();
    }

    /**
     * A new session for a command that runs a few queries of its own and exits: to every node, without the
     * schema metadata and token map the driver loads otherwise ({@link LocalCassandra#queryOnlyDriverConfig()});
     * as {@code role} over TLS when secured. The caller closes it.
     */
    public CqlSession openQuerySession(CassandraRole role) {
        CqlSessionBuilder builder = security().isPresent() ? cassandra.sessionBuilder(role)
                : cassandraCluster != null ? cassandraCluster.sessionBuilder() : cassandra.sessionBuilder();
        return builder.withConfigLoader(LocalCassandra.queryOnlyDriverConfig()).build();
    }

    /** A session owned by this object (closed by {@link #stop()}; the admin role when secured); callers must not close it. */
    public synchronized CqlSession session() {
        if (session == null || session.isClosed()) {
            session = openCassandraSession();
        }
        return session;
    }

    /** Empties event_streaming.user_events, for a clean slate between tests. */
    public void truncateUserEvents() {
        session().execute(SimpleStatement.newInstance("TRUNCATE " + UserEventCassandraModel.KEYSPACE + "." + UserEventCassandraModel.TABLE)
                .setTimeout(Duration.ofSeconds(60)));
    }

    /**
     * Creates a topic no other test uses ({@code <prefix>-<random>}) and returns its name; cheaper and
     * safer between tests than deleting and recreating a shared topic.
     */
    public String createFreshTopic(String prefix, int partitions) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        if (kafkaCluster != null) {
            kafkaCluster.createTopics(List.of(new TopicSpec(name, partitions, (short) 1)));
        } else {
            kafka.createTopics(List.of(new TopicSpec(name, partitions, (short) 1)));
        }
        return name;
    }

    /** Deletes the pipeline's topics and creates them again, empty. */
    public void recreatePipelineTopics() {
        List<String> names = KafkaTopics.pipelineTopics().stream()
                .map(TopicSpec::name).toList();
        try (Admin admin = kafkaCluster != null ? kafkaCluster.admin() : kafka.admin()) {
            admin.deleteTopics(names).all().get(30, TimeUnit.SECONDS);
            Wait.until("pipeline topics deleted", Duration.ofSeconds(30),
                    () -> admin.listTopics().names().get(10, TimeUnit.SECONDS).stream().noneMatch(names::contains));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not delete topics " + names + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while deleting topics", e);
        }
        createPipelineTopics();
    }
}
