package dev.eventpipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.infra.kafka.KafkaTopics;
import dev.eventpipeline.infra.kafka.TopicSpec;
import dev.eventpipeline.infra.process.Wait;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Three Kafka nodes, each its own JVM: a crashed partition leader loses no acknowledged record. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalKafkaClusterITCase {

    private static final int RECORDS = 20_000;
    private static final int FLUSH_EVERY = 100;
    private static final int KILL_AFTER_ACKS = 2_000;

    @TempDir
    static Path workDir;

    static LocalKafkaCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = LocalKafkaCluster.builder().workDir(workDir).freePorts().build();
        long started = System.nanoTime();
        cluster.start();
        report("cold start (format + start, 3 nodes in parallel): %d ms", millisSince(started));
        reportRss("after start");
    }

    @AfterAll
    static void stopCluster() {
        cluster.stop();
    }

    @Test
    @Order(1)
    void threeBrokersShareOneClusterIdAndQuorum() throws Exception {
        try (Admin admin = cluster.admin()) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).extracting(node -> node.id())
                    .containsExactlyInAnyOrder(1, 2, 3);
            var quorum = admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS);
            assertThat(quorum.voters()).extracting(voter -> voter.replicaId()).containsExactlyInAnyOrder(1, 2, 3);
            assertThat(quorum.leaderId()).isBetween(1, 3);
        }
        assertThat(cluster.nodes()).extracting(node -> node.formattedClusterId().orElseThrow()).containsOnly(
                cluster.node(1).formattedClusterId().orElseThrow());
        assertThat(cluster.bootstrapServers().split(",")).hasSize(3);
    }

    @Test
    @Order(2)
    void pipelineTopicsGetThreeReplicasAndAMinimumOfTwoInSync() throws Exception {
        cluster.createPipelineTopics();

        assertThat(cluster.replicationFactor()).isEqualTo((short) 3);
        assertThat(cluster.minInsyncReplicas()).isEqualTo(2);
        for (String topic : List.of(KafkaTopics.USER_EVENTS, KafkaTopics.USER_EVENTS_DLQ)) {
            assertThat(onceKnown(() -> describe(topic)).partitions()).hasSize(3)
                    .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
            // The broker answering may not have applied the new topic's metadata yet: ask until one knows it.
            assertThat(onceKnown(() -> minInsyncReplicasOf(topic))).isEqualTo("2");
        }
    }

    @Test
    @Order(3)
    void everyAcknowledgedRecordSurvivesTheLeadersCrashExactlyOnce() throws Exception {
        String topic = "crash-" + UUID.randomUUID();
        cluster.createTopics(List.of(new TopicSpec(topic, 3, (short) 1)));
        int leader = onceKnown(() -> cluster.leaderOf(topic, 0));
        Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        Queue<Exception> failures = new ConcurrentLinkedQueue<>();

        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produce(topic, acknowledged, failures));
        Wait.until(KILL_AFTER_ACKS + " records acknowledged", Duration.ofSeconds(60),
                () -> acknowledged.size() >= KILL_AFTER_ACKS || producing.isDone());
        int acknowledgedBeforeKill = acknowledged.size();
        long killed = System.nanoTime();
        cluster.killNode(leader);

        Wait.until("a new leader of " + topic + "-0", Duration.ofSeconds(60), () -> cluster.leaderOf(topic, 0) != leader);
        report("leadership of partition 0 moved from node %d to node %d %d ms after the SIGKILL", leader,
                cluster.leaderOf(topic, 0), millisSince(killed));
        producing.get(3, TimeUnit.MINUTES);
        report("all %d records acknowledged %d ms after the SIGKILL", RECORDS, millisSince(killed));

        assertThat(acknowledgedBeforeKill).as("the leader was killed while records were being sent").isLessThan(RECORDS);
        assertThat(cluster.node(leader).isRunning()).isFalse();
        assertThat(failures).isEmpty();
        assertThat(acknowledged).hasSize(RECORDS);
        assertThat(readAll(topic)).as("each acknowledged record once, nothing else")
                .containsExactlyInAnyOrderElementsOf(acknowledged);

        long restarted = System.nanoTime();
        cluster.startNode(leader);
        cluster.awaitFullyReplicated(topic, Duration.ofSeconds(60));
        report("node %d restarted and back in every ISR of %s after %d ms", leader, topic, millisSince(restarted));
        assertThat(describe(topic).partitions()).allSatisfy(partition -> assertThat(partition.isr())
                .extracting(node -> node.id()).containsExactlyInAnyOrder(1, 2, 3));
        reportRss("after the crash scenario");
    }

    @Test
    @Order(4)
    void stopsGracefullyLeavingNoProcessAndStartsAgain() throws Exception {
        List<Long> pids = cluster.nodes().stream().map(node -> node.pid().orElseThrow()).toList();

        long stopping = System.nanoTime();
        assertThat(cluster.stop()).as("every node stopped gracefully").isTrue();
        report("parallel graceful stop: %d ms", millisSince(stopping));
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
        assertThat(cluster.nodes()).allSatisfy(node -> assertThat(node.pidFile()).doesNotExist());
        assertThat(processesUnder(workDir)).isEmpty();

        long started = System.nanoTime();
        cluster.start();
        report("warm start (3 nodes in parallel): %d ms", millisSince(started));
        assertThat(cluster.leaderOf(KafkaTopics.USER_EVENTS, 0)).isBetween(1, 3);

        assertThat(cluster.stop()).isTrue();
        assertThat(processesUnder(workDir)).isEmpty();
    }

    /** Sends {@link #RECORDS} idempotently with acks=all, flushing every {@link #FLUSH_EVERY} to pace them. */
    private static void produce(String topic, Queue<String> acknowledged, Queue<Exception> failures) {
        Properties properties = new Properties();
        properties.putAll(cluster.clientProperties());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (var producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                String value = "record-" + i;
                producer.send(new ProducerRecord<>(topic, i % 3, "key-" + i, value), (metadata, exception) -> {
                    if (exception == null) {
                        acknowledged.add(value);
                    } else {
                        failures.add(exception);
                    }
                });
                if ((i + 1) % FLUSH_EVERY == 0) {
                    producer.flush();
                }
            }
        }
    }

    /** Every value in {@code topic}, read from the beginning to the end offsets of now, without a group. */
    private static List<String> readAll(String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = List.of(0, 1, 2).stream()
                    .map(partition -> new TopicPartition(topic, partition)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
            }
        }
        return values;
    }

    private static TopicDescription describe(String topic) throws Exception {
        try (Admin admin = cluster.admin()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
        }
    }

    /** The first answer of {@code question} that is not an exception, within 30 s. */
    private static <T> T onceKnown(Callable<T> question) throws TimeoutException {
        AtomicReference<T> answer = new AtomicReference<>();
        Wait.until("an answer", Duration.ofSeconds(30), () -> {
            answer.set(question.call());
            return true;
        });
        return answer.get();
    }

    private static String minInsyncReplicasOf(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = cluster.admin()) {
            return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                    .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value();
        }
    }

    /** PIDs of live processes whose command line names {@code dir} (every node's names its config there). */
    private static List<Long> processesUnder(Path dir) throws IOException {
        String needle = dir.toAbsolutePath().normalize().toString();
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            return proc.filter(entry -> entry.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(entry -> commandLine(entry).contains(needle))
                    .map(entry -> Long.parseLong(entry.getFileName().toString()))
                    .toList();
        }
    }

    private static String commandLine(Path procEntry) {
        try {
            return new String(Files.readAllBytes(procEntry.resolve("cmdline")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return ""; // gone meanwhile, or not ours to read
        }
    }

    private static void reportRss(String when) {
        report("RSS %s: %s", when, cluster.nodes().stream()
                .map(node -> "node " + node.nodeId() + " " + node.pid().map(LocalKafkaClusterITCase::rssMib).orElse("-"))
                .collect(Collectors.joining(", ")));
    }

    private static String rssMib(long pid) {
        try {
            Process ps = new ProcessBuilder("ps", "-o", "rss=", "-p", Long.toString(pid)).start();
            String kib = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return Long.parseLong(kib) / 1024 + " MiB";
        } catch (IOException | NumberFormatException e) {
            return "? (" + e.getMessage() + ")";
        }
    }

    private static long millisSince(long nanoTime) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
    }

    private static void report(String format, Object... arguments) {
        System.out.println("[LocalKafkaClusterITCase] " + String.format(format, arguments));
    }
}
