package dev.eventpipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.connectors.deadletter.DeadLetterHeaders;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.flink.FlinkRest;
import dev.eventpipeline.infra.generate.HostilePayloads;
import dev.eventpipeline.it.support.Await;
import dev.eventpipeline.it.support.MiniClusters;
import dev.eventpipeline.it.support.Outcome;
import dev.eventpipeline.it.support.PipelineRuns;
import dev.eventpipeline.it.support.ScenarioReport;
import dev.eventpipeline.job.testing.KafkaTestClient;
import dev.eventpipeline.job.testing.TestPipelines;
import dev.eventpipeline.model.RejectReason;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 7: more than a thousand hostile payloads (see {@link HostilePayloads}), including
 * empty, null and ~1 MiB messages, into a running job with its production restart strategy. Each
 * one comes out of the dead-letter topic once, byte for byte, with a reason and its source offset,
 * no row is written, and the job never fails or restarts.
 */
class PoisonCorpusITCase {

    /** Room for the ~1 MiB payloads plus headers, in the topics and the job's dead-letter producer. */
    private static final int MAX_MESSAGE_BYTES = 4 * HostilePayloads.ONE_MIB;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.oneTaskManagerWithTwoSlots();

    @RegisterExtension
    final ScenarioReport report = new ScenarioReport("7. Poison corpus");

    @Test
    void everyHostilePayloadIsDeadLetteredAndTheJobNeverRestarts(@InjectMiniCluster MiniCluster miniCluster)
            throws Exception {
        LocalServers servers = LocalServers.shared();
        KafkaTestClient kafka = new KafkaTestClient(servers.bootstrapServers());
        FlinkRest rest = new FlinkRest(miniCluster.getRestAddress().get());
        String suffix = Long.toHexString(System.nanoTime());
        String topic = "poison-" + suffix;
        String deadLetters = "poison-dlq-" + suffix;
        try (Admin admin = servers.kafka().admin()) {
            Map<String, String> large = Map.of("max.message.bytes", Integer.toString(MAX_MESSAGE_BYTES));
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(large),
                    new NewTopic(deadLetters, 1, (short) 1).configs(large))).all().get(1, TimeUnit.MINUTES);
        }
        Map<String, byte[]> corpus = HostilePayloads.corpus(707);
        List<String> names = new ArrayList<>(corpus.keySet());
        List<Map.Entry<byte[], byte[]>> records = new ArrayList<>();
        names.forEach(name -> records.add(new AbstractMap.SimpleEntry<>(name.getBytes(), corpus.get(name))));
        kafka.send(topic, records); // one partition, one idempotent producer: offset i holds names[i]
        report.step("sent " + records.size() + " hostile payloads");

        String[] arguments = Stream.concat(Arrays.stream(TestPipelines.arguments(servers, topic, deadLetters,
                        "--job.parallelism", "2", "--dlq.max-record-bytes", Integer.toString(MAX_MESSAGE_BYTES))),
                HostilePayloads.CORPUS_LIMITS.allJobArguments().stream()).toArray(String[]::new);
        JobClient job = PipelineRuns.start(arguments);
        String jobId = job.getJobID().toHexString();
        Await.until("all " + records.size() + " dead letters", Duration.ofMinutes(3),
                () -> kafka.readAll(deadLetters, Duration.ofSeconds(30)).size() >= records.size()
                        || rest.failureCount(jobId) > 0);
        List<ConsumerRecord<byte[], byte[]>> letters = kafka.readAll(deadLetters, Duration.ofMinutes(1));
        Await.until("the metrics to count every payload", Duration.ofSeconds(30),
                () -> rest.operatorMetricSum(jobId, "eventsIn").orElse(0) >= records.size());
        long restarts = awaitMetric(rest, jobId, "numRestarts");
        int failures = rest.failureCount(jobId);
        long valid = rest.operatorMetricSum(jobId, "eventsValid").orElseThrow();
        long rejected = rest.operatorMetricSum(jobId, "eventsRejected").orElseThrow();
        String state = rest.jobState(jobId);

        Map<Long, List<ConsumerRecord<byte[], byte[]>>> byOffset = new HashMap<>();
        letters.forEach(letter -> byOffset.computeIfAbsent(
                Long.parseLong(Outcome.header(letter, DeadLetterHeaders.SOURCE_OFFSET)), offset -> new ArrayList<>()).add(letter));
        List<String> lost = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (int offset = 0; offset < names.size(); offset++) {
            String name = names.get(offset);
            List<ConsumerRecord<byte[], byte[]>> copies = byOffset.getOrDefault((long) offset, List.of());
            if (copies.isEmpty()) {
                lost.add(name);
                continue;
            }
            ConsumerRecord<byte[], byte[]> letter = copies.get(0);
            byte[] sent = corpus.get(name);
            boolean sameBytes = sent == null ? letter.value() == null || letter.value().length == 0
                    : Arrays.equals(sent, letter.value());
            String reason = Outcome.header(letter, DeadLetterHeaders.REASON);
            if (!sameBytes || !isReason(reason) || !topic.equals(Outcome.header(letter, DeadLetterHeaders.SOURCE_TOPIC))
                    || !Arrays.equals(name.getBytes(), letter.key())) {
                wrong.add(name + " (" + reason + ")");
            }
        }
        int duplicated = letters.size() - byOffset.size();
        report.outcome(records.size(), lost.size(), duplicated, failures + " failure(s), " + restarts + " restart(s), job "
                + state + "; eventsValid " + valid + ", eventsRejected " + rejected + "; " + letters.size() + " dead letters");
        job.cancel().get(1, TimeUnit.MINUTES);

        assertThat(records.size()).isGreaterThanOrEqualTo(1_000);
        assertThat(failures).as("failures: " + rest.lastFailure(jobId)).isZero();
        assertThat(restarts).isZero();
        assertThat(state).isEqualTo("RUNNING");
        assertThat(lost).as("payloads never dead-lettered").isEmpty();
        assertThat(wrong).as("dead letters not matching their payload, key, source or a reason").isEmpty();
        assertThat(duplicated).as("dead letters written twice").isZero();
        assertThat(letters).hasSize(records.size());
        assertThat(valid).as("payloads that became rows").isZero();
        assertThat(rejected).isEqualTo(records.size());
    }

    /**
     * A reason the decoder or the validation rules give. Not WRITE_REJECTED: that would mean a hostile
     * payload passed validation and only Cassandra refused it.
     */
    private static boolean isReason(String name) {
        return Arrays.stream(RejectReason.values()).filter(reason -> reason != RejectReason.WRITE_REJECTED)
                .anyMatch(reason -> reason.name().equals(name));
    }

    private static long awaitMetric(FlinkRest rest, String jobId, String name) {
        Await.until(name + " reported", Duration.ofSeconds(30), () -> rest.jobMetric(jobId, name).isPresent());
        try {
            return rest.jobMetric(jobId, name).orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
