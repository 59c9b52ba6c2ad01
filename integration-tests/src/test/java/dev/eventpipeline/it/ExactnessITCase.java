package dev.eventpipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.cassandra.UserEventsTable;
import dev.eventpipeline.it.support.MixedStream;
import dev.eventpipeline.it.support.Outcome;
import dev.eventpipeline.it.support.ScenarioReport;
import dev.eventpipeline.job.testing.KafkaTestClient;
import dev.eventpipeline.job.testing.TestPipelines;
import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.time.Duration;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 1: 200,000 events, 5% of them invalid (588 of each of the 17 reject reasons a payload can be
 * refused for under the test job's limits: all but ROW_TOO_LARGE and WRITE_REJECTED), through
 * the whole pipeline with no failure. Every valid event becomes exactly its row, every invalid
 * record exactly one dead letter with its reason.
 */
class ExactnessITCase {

    private static final int EVENTS = 200_000;
    private static final int INVALID_PER_REASON = 588; // x 17 reasons (MixedStream.REASONS) = 9,996, about 5%

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    @RegisterExtension
    final ScenarioReport report = new ScenarioReport("1. Exactness");

    @Test
    void everyValidEventIsExactlyItsRowAndEveryInvalidOneExactlyOneDeadLetter() throws Exception {
        LocalServers servers = LocalServers.shared();
        KafkaTestClient kafka = new KafkaTestClient(servers.bootstrapServers());
        String topic = servers.createFreshTopic("exactness", 4);
        String deadLetters = servers.createFreshTopic("exactness-dlq", 2);
        MixedStream stream = MixedStream.of(EVENTS, INVALID_PER_REASON, 2_000, 101);
        assertThat(stream.total()).isEqualTo(EVENTS);
        assertThat(MixedStream.REASONS).hasSize(17).doesNotContain(RejectReason.WRITE_REJECTED);
        int invalid = INVALID_PER_REASON * MixedStream.REASONS.size();
        assertThat(stream.expectedDeadLetters).hasSize(invalid);

        kafka.send(topic, stream.records);
        report.step("sent " + stream.total() + " records");
        TestPipelines.runToEnd(TestPipelines.arguments(servers, topic, deadLetters, "--job.parallelism", "2"));
        report.step("job finished");

        List<UserEventCassandraModel> rows = new UserEventsTable(servers.session()).rowsInPartitionsOf(stream.expectedRows);
        List<ConsumerRecord<byte[], byte[]>> letters = kafka.readAll(deadLetters, Duration.ofMinutes(1));
        Outcome.Rows rowOutcome = Outcome.rows(stream.expectedRows, rows);
        Outcome.DeadLetters letterOutcome = Outcome.deadLetters(stream.expectedDeadLetters, letters);
        report.outcome(EVENTS, rowOutcome.lost() + letterOutcome.lost(),
                rowOutcome.unexpected() + letterOutcome.duplicated(), rowOutcome + "; " + letterOutcome);

        assertThat(rowOutcome.exact()).as(rowOutcome.toString()).isTrue();
        assertThat(rows).hasSize(EVENTS - invalid);
        assertThat(letterOutcome.exact()).as(letterOutcome.toString()).isTrue();
        assertThat(letters).hasSize(invalid);
    }
}
