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
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code cassandra.sink=connector} (Flink 1.20 only; event-job-flink2 leaves this test out): the whole job
 * on a MiniCluster with flink-connector-cassandra's sink writing the rows, against a real Kafka broker and
 * Cassandra node.
 */
class ConnectorSinkITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final UserEventJsonCodec CODEC = UserEventJsonCodec.create();

    @Test
    void theConnectorsSinkWritesEveryValidEventAsItsRowAndValidationStillDeadLetters() throws Exception {
        LocalServers servers = LocalServers.shared();
        KafkaTestClient kafka = new KafkaTestClient(servers.bootstrapServers());
        String topic = servers.createFreshTopic("connector-sink", 3);
        String deadLetters = servers.createFreshTopic("connector-sink-dlq", 1);
        List<UserEvent> events = SampleEvents.spanningMidnight(1_500, 30, 17);
        List<Map.Entry<byte[], byte[]>> records = new ArrayList<>();
        for (UserEvent event : events) {
            records.add(Map.entry(event.userId().toString().getBytes(UTF_8), CODEC.encode(event)));
        }
        byte[] malformed = HostilePayloads.oneOfEachReason().get(RejectReason.MALFORMED_JSON);
        records.add(new AbstractMap.SimpleEntry<>(null, malformed));
        kafka.send(topic, records);

        TestPipelines.runToEnd(TestPipelines.arguments(servers, topic, deadLetters,
                "--cassandra.sink", "connector", "--job.parallelism", "2"));

        List<UserEventCassandraModel> expected = events.stream().map(UserEventMapper::toRow).toList();
        assertThat(new UserEventsTable(servers.session()).rowsInPartitionsOf(expected))
                .containsExactlyInAnyOrderElementsOf(expected);
        List<ConsumerRecord<byte[], byte[]>> letters = kafka.readAll(deadLetters, Duration.ofSeconds(30));
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.value()).isEqualTo(malformed);
            assertThat(new String(letter.headers().lastHeader(DeadLetterHeaders.REASON).value(), UTF_8))
                    .isEqualTo(RejectReason.MALFORMED_JSON.name());
        });
    }
}
