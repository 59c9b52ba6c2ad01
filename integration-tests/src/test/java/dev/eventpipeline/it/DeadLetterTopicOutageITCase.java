package dev.eventpipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.connectors.deadletter.DeadLetterHeaders;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.cassandra.UserEventsTable;
import dev.eventpipeline.infra.flink.FlinkRest;
import dev.eventpipeline.infra.kafka.KafkaTopics;
import dev.eventpipeline.infra.kafka.TopicSpec;
import dev.eventpipeline.it.support.Await;
import dev.eventpipeline.it.support.Converge;
import dev.eventpipeline.it.support.ExceptionHistory;
import dev.eventpipeline.it.support.MiniClusters;
import dev.eventpipeline.it.support.MixedStream;
import dev.eventpipeline.it.support.Outcome;
import dev.eventpipeline.it.support.PacedProducer;
import dev.eventpipeline.it.support.PipelineRuns;
import dev.eventpipeline.it.support.ScenarioReport;
import dev.eventpipeline.job.testing.KafkaTestClient;
import dev.eventpipeline.job.testing.TestPipelines;
import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 8: the dead-letter topic is deleted (a real {@code deleteTopics}) while valid and
 * invalid events keep arriving and Cassandra is fine, and created again later from the pipeline's
 * own spec ({@code infra/kafka/topics.properties}). While it is gone a dead letter cannot be
 * written: the dead-letter producer gives up on it within its bounds ({@code max.block.ms} 10 s,
 * {@code delivery.timeout.ms} 30 s, see {@code DeadLetterSinks}) with a Kafka timeout naming the
 * topic, which fails the job before a checkpoint can cover the unwritten dead letter; the job
 * restarts from its last checkpoint (exponential-delay) until the topic is back. Asserted: the
 * first failure names the topic and comes well before Kafka's own 60 s / 120 s defaults would
 * have produced one, rows are exact, every dead letter of the stream is there (distinct by source
 * topic/partition/offset; repeats from replays are counted), and the job is RUNNING.
 *
 * <p>Deleting a topic deletes what it held, so the dead letters written before the deletion are
 * read (all of them) just before it, and the deletion happens while only valid records are being
 * sent: no dead letter can be on its way to the old topic when it goes, and "lost" is exact.
 */
class DeadLetterTopicOutageITCase {

    /** The mixed stream: 8 invalid records of each reject reason among valid ones. */
    private static final int MIXED_EVENTS = 12_000;
    private static final int INVALID_PER_REASON = 8;
    /** Mixed records sent before the deletion; their dead letters are in the old topic. */
    private static final int BEFORE_DELETION = 3_000;
    /** Valid-only records sent around the deletion (10 s of traffic). */
    private static final int QUIET = 2_500;
    private static final int PER_SECOND = 250;
    /** The topic stays away at least this long, and until the job has failed on it. */
    private static final Duration MIN_OUTAGE = Duration.ofSeconds(30);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.oneTaskManagerWithTwoSlots();

    @RegisterExtension
    final ScenarioReport report = new ScenarioReport("8. Dead-letter topic deleted and recreated");

    @Test
    void deadLettersProducedWhileTheirTopicIsGoneAllArriveOnceItIsBack(@InjectMiniCluster MiniCluster miniCluster)
            throws Exception {
        LocalServers servers = LocalServers.shared();
        KafkaTestClient kafka = new KafkaTestClient(servers.bootstrapServers());
        FlinkRest rest = new FlinkRest(miniCluster.getRestAddress().get());
        String topic = servers.createFreshTopic("dlq-outage", 2);
        TopicSpec pipelineSpec = KafkaTopics.pipelineTopics().stream()
                .filter(spec -> spec.name().equals(KafkaTopics.USER_EVENTS_DLQ)).findFirst().orElseThrow();
        TopicSpec deadLetterSpec = new TopicSpec("dlq-outage-dlq-" + UUID.randomUUID().toString().substring(0, 8),
                pipelineSpec.partitions(), pipelineSpec.replicationFactor());
        String deadLetters = deadLetterSpec.name();
        servers.kafka().createTopics(List.of(deadLetterSpec));

        MixedStream mixed = MixedStream.of(MIXED_EVENTS, INVALID_PER_REASON, 100, 808);
        MixedStream quiet = MixedStream.validOnly(QUIET, 50, 818);
        List<Map.Entry<byte[], byte[]>> records = new ArrayList<>(mixed.records.subList(0, BEFORE_DELETION));
        records.addAll(quiet.records);
        records.addAll(mixed.records.subList(BEFORE_DELETION, mixed.total()));
        List<UserEventCassandraModel> expectedRows = new ArrayList<>(mixed.expectedRows);
        expectedRows.addAll(quiet.expectedRows);
        Map<ByteBuffer, RejectReason> beforeDeletion = new LinkedHashMap<>();
        for (Map.Entry<byte[], byte[]> record : mixed.records.subList(0, BEFORE_DELETION)) {
            ByteBuffer value = ByteBuffer.wrap(record.getValue());
            RejectReason reason = mixed.expectedDeadLetters.get(value);
            if (reason != null) {
                beforeDeletion.put(value, reason);
            }
        }
        int deadLettersSent = mixed.expectedDeadLetters.size();
        int firstLetterOfOutage = firstInvalidFrom(records, BEFORE_DELETION + QUIET, mixed.expectedDeadLetters);

        JobClient job = PipelineRuns.start(TestPipelines.arguments(servers, topic, deadLetters,
                "--job.parallelism", "2", "--restart.initial-backoff", "1 s", "--restart.max-backoff", "5 s"));
        String jobId = job.getJobID().toHexString();
        List<ConsumerRecord<byte[], byte[]>> oldTopic;
        long deletedAt;
        long recreatedAt;
        AtomicLong firstLetterOfOutageSentAt = new AtomicLong();
        long firstLetterBackAt;
        List<ExceptionHistory.Failure> outageFailures;
        Map<String, String> configBefore;
        Map<String, String> configAfter;
        int partitionsAfter;
        try (Admin admin = servers.kafka().admin();
                PacedProducer producer = new PacedProducer(servers.bootstrapServers(), topic, records, PER_SECOND)) {
            configBefore = topicConfig(admin, deadLetters);
            Await.until("the job running", Duration.ofMinutes(2), () -> rest.allTasksRunning(jobId));
            producer.start();
            Await.until(BEFORE_DELETION + " records sent", Duration.ofMinutes(1), () -> producer.sent() >= BEFORE_DELETION);
            AtomicReference<List<ConsumerRecord<byte[], byte[]>>> written = new AtomicReference<>();
            Await.until("the " + beforeDeletion.size() + " dead letters of the first " + BEFORE_DELETION
                    + " records written", Duration.ofMinutes(1), () -> {
                        written.set(kafka.readAll(deadLetters, Duration.ofSeconds(10)));
                        return Outcome.deadLetters(beforeDeletion, written.get()).lost() == 0;
                    });
            oldTopic = written.get();

            admin.deleteTopics(List.of(deadLetters)).all().get(30, TimeUnit.SECONDS);
            Await.until("the dead-letter topic deleted", Duration.ofSeconds(30),
                    () -> !admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(deadLetters));
            deletedAt = System.currentTimeMillis();
            int sentAtDeletion = producer.sent();
            report.step("dead-letter topic deleted (it held " + oldTopic.size() + " dead letters) after "
                    + sentAtDeletion + " records were sent");
            assertThat(sentAtDeletion).as("deleted while only valid records were being sent, so no dead letter"
                    + " was on its way to the old topic").isLessThan(firstLetterOfOutage);

            Await.until("the topic gone for " + MIN_OUTAGE.toSeconds() + " s, with the job failing on it",
                    Duration.ofMinutes(4), () -> {
                        if (firstLetterOfOutageSentAt.get() == 0 && producer.sent() > firstLetterOfOutage) {
                            firstLetterOfOutageSentAt.set(System.currentTimeMillis());
                        }
                        return System.currentTimeMillis() - deletedAt >= MIN_OUTAGE.toMillis()
                                && rest.failureCount(jobId) >= 1;
                    });
            outageFailures = ExceptionHistory.of(rest, jobId);
            report.step("recreating the topic after " + producer.sent() + " records were sent; the job failed "
                    + outageFailures.size() + " time(s) meanwhile, first: " + cause(outageFailures.get(0), deadLetters));
            servers.kafka().createTopics(List.of(deadLetterSpec));
            recreatedAt = System.currentTimeMillis();
            partitionsAfter = admin.describeTopics(List.of(deadLetters)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(deadLetters).partitions().size();
            configAfter = topicConfig(admin, deadLetters);
            Await.until("a dead letter in the recreated topic", Duration.ofMinutes(2),
                    () -> !kafka.readAll(deadLetters, Duration.ofSeconds(10)).isEmpty());
            firstLetterBackAt = System.currentTimeMillis();
            producer.awaitAllAcknowledged(Duration.ofMinutes(3));
        }

        Outcome.Rows rows = Converge.rows(new UserEventsTable(servers.session()), expectedRows, Duration.ofMinutes(4));
        AtomicReference<List<ConsumerRecord<byte[], byte[]>>> newTopic = new AtomicReference<>(List.of());
        AtomicReference<Outcome.DeadLetters> letters = new AtomicReference<>();
        try {
            Await.until("all " + deadLettersSent + " dead letters in the old or the recreated topic",
                    Duration.ofMinutes(1), () -> {
                        newTopic.set(kafka.readAll(deadLetters, Duration.ofSeconds(10)));
                        letters.set(Outcome.deadLetters(mixed.expectedDeadLetters, concat(oldTopic, newTopic.get())));
                        return letters.get().lost() == 0;
                    });
        } catch (AssertionError e) {
            if (letters.get() == null) {
                throw e;
            }
        }
        List<ConsumerRecord<byte[], byte[]>> allLetters = concat(oldTopic, newTopic.get());
        Set<String> sources = new HashSet<>();
        allLetters.forEach(letter -> sources.add(sourceOf(letter)));
        int repeats = allLetters.size() - sources.size();
        List<ExceptionHistory.Failure> failures = ExceptionHistory.of(rest, jobId);
        String state = rest.jobState(jobId);
        double firstFailureSeconds = (outageFailures.get(0).timestamp() - firstLetterOfOutageSentAt.get()) / 1000.0;
        Map<String, Long> causes = new TreeMap<>();
        failures.forEach(failure -> causes.merge(cause(failure, deadLetters).replace(deadLetters, "<topic>"), 1L, Long::sum));
        report.outcome(records.size(), rows.lost() + letters.get().lost(), rows.unexpected(), String.format(Locale.ROOT,
                "topic gone %.1f s, %d failure(s) recovered by restarts (first %.1f s after the first dead letter of the"
                        + " outage was sent), first dead letter in the recreated topic %.1f s after it was back, job %s;"
                        + " %s; %s; %d dead letters before the deletion + %d in the recreated topic = %d distinct sources"
                        + " of %d sent, %d repeated (at-least-once); causes: %s",
                (recreatedAt - deletedAt) / 1000.0, failures.size(), firstFailureSeconds,
                (firstLetterBackAt - recreatedAt) / 1000.0, state, rows, letters.get(), oldTopic.size(),
                newTopic.get().size(), sources.size(), deadLettersSent, repeats, causes));
        job.cancel().get(1, TimeUnit.MINUTES);

        assertThat(partitionsAfter).as("recreated with the pipeline's partitions").isEqualTo(pipelineSpec.partitions());
        assertThat(configAfter).as("recreated with the same topic config").isEqualTo(configBefore);
        assertThat(outageFailures.get(0).innermostCauseContaining(deadLetters)).as("the first failure names the"
                + " missing topic: " + outageFailures.get(0).causes()).hasValueSatisfying(
                        cause -> assertThat(cause).startsWith(TimeoutException.class.getName()));
        assertThat(firstFailureSeconds).as("seconds from the first dead letter of the outage to the first failure")
                .isLessThan(50.0);
        assertThat(state).as("the job recovered by itself").isEqualTo("RUNNING");
        assertThat(rows.exact()).as(rows.toString()).isTrue();
        assertThat(letters.get().complete()).as(letters.get().toString()).isTrue();
        assertThat(sources).as("dead letters, distinct by source topic/partition/offset").hasSize(deadLettersSent);
    }

    /** The cause that names the topic (the producer's timeout), else the root cause. */
    private static String cause(ExceptionHistory.Failure failure, String topic) {
        return failure.innermostCauseContaining(topic).orElse(failure.rootCause());
    }

    /** Index of the first record at or after {@code from} that is invalid. */
    private static int firstInvalidFrom(List<Map.Entry<byte[], byte[]>> records, int from,
            Map<ByteBuffer, RejectReason> invalid) {
        for (int i = from; i < records.size(); i++) {
            if (invalid.containsKey(ByteBuffer.wrap(records.get(i).getValue()))) {
                return i;
            }
        }
        throw new IllegalStateException("no invalid record after " + from);
    }

    private static String sourceOf(ConsumerRecord<byte[], byte[]> letter) {
        return Outcome.header(letter, DeadLetterHeaders.SOURCE_TOPIC) + "-"
                + Outcome.header(letter, DeadLetterHeaders.SOURCE_PARTITION) + "@"
                + Outcome.header(letter, DeadLetterHeaders.SOURCE_OFFSET);
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    /** The topic's own settings (not the broker's defaults). */
    private static Map<String, String> topicConfig(Admin admin, String name) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
        Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        Map<String, String> own = new TreeMap<>();
        for (ConfigEntry entry : config.entries()) {
            if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                own.put(entry.name(), entry.value());
            }
        }
        return own;
    }
}
