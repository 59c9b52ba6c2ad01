package dev.eventpipeline.job;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.connectors.deadletter.DeadLetter;
import dev.eventpipeline.infra.generate.HostilePayloads;
import dev.eventpipeline.job.config.PipelineConfig;
import dev.eventpipeline.job.testing.CollectingRowWrites;
import dev.eventpipeline.job.testing.CollectingSink;
import dev.eventpipeline.job.testing.RawEventSources;
import dev.eventpipeline.job.testing.SampleEvents;
import dev.eventpipeline.job.testing.TestPipelines;
import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.model.UserEvent;
import dev.eventpipeline.model.UserEventCassandraModel;
import dev.eventpipeline.model.json.UserEventJsonCodec;
import dev.eventpipeline.transform.UserEventMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job as {@link UserEventPipeline} assembles it, on a MiniCluster, with a bounded test source
 * in place of Kafka and collecting sinks in place of Cassandra and the dead-letter topic: exactly
 * which rows and which dead letters come out of a known input.
 */
class UserEventPipelineWithoutServersITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final UserEventJsonCodec CODEC = UserEventJsonCodec.create();
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    /** The validator's and the dead letters' clock: fixed, so rejectedAt is known. */
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final long RECORD_TIMESTAMP = NOW.minusSeconds(5).toEpochMilli();

    @Test
    void everyValidEventBecomesItsRowAndEveryInvalidPayloadADeadLetterWithItsReason() throws Exception {
        List<UserEvent> valid = SampleEvents.spanningMidnight(300, 10, 21);
        Map<RejectReason, byte[]> invalid = HostilePayloads.oneOfEachReason();
        List<Map.Entry<byte[], byte[]>> records = new ArrayList<>();
        List<DeadLetter> expectedDeadLetters = new ArrayList<>();
        // One invalid payload (without a key) after every 15 valid events, at a known offset.
        List<Map.Entry<RejectReason, byte[]>> invalidInOrder = List.copyOf(invalid.entrySet());
        for (int i = 0; i < valid.size(); i++) {
            UserEvent event = valid.get(i);
            records.add(Map.entry(event.userId().toString().getBytes(UTF_8), CODEC.encode(event)));
            if (i % 15 == 0 && i / 15 < invalidInOrder.size()) {
                Map.Entry<RejectReason, byte[]> payload = invalidInOrder.get(i / 15);
                expectedDeadLetters.add(deadLetter(records.size(), payload.getKey(), payload.getValue()));
                records.add(new AbstractMap.SimpleEntry<>(null, payload.getValue()));
            }
        }
        assertThat(expectedDeadLetters).hasSize(invalid.size());

        List<String> arguments = new ArrayList<>(HostilePayloads.ONE_OF_EACH_REASON_LIMITS.jobArguments());
        arguments.addAll(List.of("--job.parallelism", "2"));
        PipelineConfig config = TestPipelines.config(arguments.toArray(String[]::new));
        CollectingRowWrites rows = new CollectingRowWrites();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        CollectingSink<DeadLetter> refusedRows = new CollectingSink<>();
        UserEventPipeline pipeline = new UserEventPipeline(RawEventSources.of(records, RECORD_TIMESTAMP),
                config.cassandra(), rows, deadLetters, refusedRows, config.job(), config.validation(), CLOCK);

        TestPipelines.runToEnd(pipeline, "pipeline without servers");

        List<UserEventCassandraModel> expectedRows = valid.stream().map(UserEventMapper::toRow).toList();
        assertThat(expectedRows.stream().map(UserEventCassandraModel::bucketDate).distinct()).hasSize(2);
        assertThat(rows.written()).containsExactlyInAnyOrderElementsOf(expectedRows);
        // The validator's wording is its own tests' business; here: there is one, for every letter.
        assertThat(deadLetters.collected())
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("message")
                .containsExactlyInAnyOrderElementsOf(expectedDeadLetters);
        assertThat(deadLetters.collected()).allSatisfy(letter -> assertThat(letter.message).isNotBlank());
        assertThat(refusedRows.collected()).as("every valid row was written").isEmpty();
    }

    private static DeadLetter deadLetter(long offset, RejectReason reason, byte[] payload) {
        DeadLetter letter = new DeadLetter();
        letter.key = null;
        letter.value = payload;
        letter.sourceTopic = RawEventSources.TOPIC;
        letter.sourcePartition = 0;
        letter.sourceOffset = offset;
        letter.sourceTimestamp = RECORD_TIMESTAMP;
        letter.reason = reason.name();
        letter.rejectedAt = NOW.toEpochMilli();
        return letter;
    }
}
