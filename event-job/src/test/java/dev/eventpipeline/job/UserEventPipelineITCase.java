package dev.eventpipeline.job;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.connectors.deadletter.DeadLetterHeaders;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.cassandra.UserEventsTable;
import dev.eventpipeline.infra.generate.HostilePayloads;
import dev.eventpipeline.job.testing.KafkaTestClient;
import dev.eventpipeline.job.testing.SampleEvents;
import dev.eventpipeline.job.testing.TestPipelines;
import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.model.UserEvent;
import dev.eventpipeline.model.UserEventCassandraModel;
import dev.eventpipeline.model.json.UserEventJsonCodec;
import dev.eventpipeline.transform.UserEventMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole job on a MiniCluster against a real Kafka broker and a real Cassandra node. */
class UserEventPipelineITCase {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .setConfiguration(METRICS.addToConfiguration(new Configuration()))
                    .build());

    private static final UserEventJsonCodec CODEC = UserEventJsonCodec.create();

    private static LocalServers servers;
    private static KafkaTestClient kafka;
    private static UserEventsTable table;

    @BeforeAll
    static void startServers() {
        servers = LocalServers.shared();
        kafka = new KafkaTestClient(servers.bootstrapServers());
        table = new UserEventsTable(servers.session());
    }

    /** Valid events with distinct primary keys over an hour around yesterday's UTC midnight: two bucket dates. */
    private static Map.Entry<byte[], byte[]> keyed(UserEvent event) {
        return Map.entry(event.userId().toString().getBytes(UTF_8), CODEC.encode(event));
    }

    @Test
    void everyValidEventBecomesExactlyOneEqualRowAndDuplicatesCollapse() throws Exception {
        String topic = servers.createFreshTopic("events", 3);
        String deadLetters = servers.createFreshTopic("dlq", 1);
        List<UserEvent> events = SampleEvents.spanningMidnight(3_000, 60, 11);
        List<Map.Entry<byte[], byte[]>> records = events.stream().map(UserEventPipelineITCase::keyed)
                .collect(Collectors.toCollection(ArrayList::new));
        records.addAll(events.subList(0, 200).stream().map(UserEventPipelineITCase::keyed).toList()); // replays
        kafka.send(topic, records);

        TestPipelines.runToEnd(TestPipelines.arguments(servers, topic, deadLetters, "--job.parallelism", "2"));

        List<UserEventCassandraModel> expected = events.stream().map(UserEventMapper::toRow).toList();
        assertThat(expected.stream().map(UserEventCassandraModel::bucketDate).distinct()).hasSize(2);
        assertThat(table.rowsInPartitionsOf(expected)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(kafka.readAll(deadLetters, Duration.ofSeconds(30))).isEmpty();
    }

    @Test
    void everyKindOfInvalidEventIsDeadLetteredWithItsReasonAndTheRestIsWritten() throws Exception {
        String topic = servers.createFreshTopic("mixed", 3);
        String deadLetters = servers.createFreshTopic("dlq", 2);
        Map<RejectReason, byte[]> invalid = HostilePayloads.oneOfEachReason();
        List<UserEvent> valid = SampleEvents.spanningMidnight(400, 10, 12);
        List<Map.Entry<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < valid.size(); i++) {
            records.add(keyed(valid.get(i)));
            if (i % 20 == 0 && i / 20 < invalid.size()) {
                records.add(new java.util.AbstractMap.SimpleEntry<>(null,
                        invalid.values().stream().toList().get(i / 20)));
            }
        }
        assertThat(records).hasSize(valid.size() + invalid.size());
        kafka.send(topic, records);

        JobID job = TestPipelines.runToEnd(TestPipelines.arguments(servers, topic, deadLetters)).getJobID();

        List<ConsumerRecord<byte[], byte[]>> letters = kafka.readAll(deadLetters, Duration.ofSeconds(30));
        Map<String, byte[]> payloadByReason = letters.stream().collect(Collectors.toMap(
                letter -> header(letter, DeadLetterHeaders.REASON), ConsumerRecord::value));
        assertThat(letters).hasSize(invalid.size());
        invalid.forEach((reason, payload) ->
                assertThat(payloadByReason.get(reason.name())).as(reason.name()).isEqualTo(payload));
        for (ConsumerRecord<byte[], byte[]> letter : letters) {
            assertThat(header(letter, DeadLetterHeaders.MESSAGE)).isNotBlank();
            assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topic);
            assertThat(Long.parseLong(header(letter, DeadLetterHeaders.SOURCE_OFFSET))).isNotNegative();
        }
        List<UserEventCassandraModel> expected = valid.stream().map(UserEventMapper::toRow).toList();
        assertThat(table.rowsInPartitionsOf(expected)).containsExactlyInAnyOrderElementsOf(expected);

        assertThat(counterSum(job, ".eventsIn")).isEqualTo(records.size());
        assertThat(counterSum(job, ".eventsValid")).isEqualTo(valid.size());
        assertThat(counterSum(job, ".eventsRejected") - counterSum(job, "reason.", ".eventsRejected"))
                .as("rejected in total").isEqualTo(invalid.size());
        for (RejectReason reason : invalid.keySet()) {
            assertThat(counterSum(job, ".reason." + reason.name() + ".eventsRejected")).as(reason.name())
                    .isEqualTo(1);
        }
        assertThat(counterSum(job, ".rowsWritten")).isEqualTo(valid.size());
        assertThat(counterSum(job, ".writeFailures")).isZero();
    }

    /** The sum over all subtasks of the counters whose identifier ends with {@code suffix}. */
    private static long counterSum(JobID job, String suffix) {
        return counterSum(job, "", suffix);
    }

    private static long counterSum(JobID job, String containing, String suffix) {
        return METRICS.getMetricsByIdentifiers(job).entrySet().stream()
                .filter(entry -> entry.getKey().contains(containing) && entry.getKey().endsWith(suffix))
                .filter(entry -> entry.getValue() instanceof Counter)
                .mapToLong(entry -> ((Counter) entry.getValue()).getCount())
                .sum();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), UTF_8);
    }
}
