package dev.eventpipeline.connectors.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.connectors.types.RowBatch;
import dev.eventpipeline.connectors.types.RowBatchSerializer;
import dev.eventpipeline.connectors.types.SourcedRow;
import dev.eventpipeline.connectors.types.SourcedRowSerializer;
import dev.eventpipeline.model.TableLayout;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class PartitionBatchOperatorTest {

    private static final UUID USER = UUID.randomUUID();

    private static OneInputStreamOperatorTestHarness<SourcedRow, RowBatch> harness()
            throws Exception {
        BatchSettings settings = BatchSettings.builder().maxRows(100).lingerMillis(50).build();
        OneInputStreamOperatorTestHarness<SourcedRow, RowBatch> harness =
                new OneInputStreamOperatorTestHarness<>(
                        new PartitionBatchOperator(settings, TableLayout.SEED), SourcedRowSerializer.INSTANCE);
        harness.setup(RowBatchSerializer.INSTANCE);
        harness.open();
        return harness;
    }

    private static StreamRecord<SourcedRow> row(long millis) {
        return new StreamRecord<>(new SourcedRow(UserEventCassandraModel.builder()
                .userId(USER)
                .bucketDate(LocalDate.of(2025, 11, 25))
                .eventTime(Instant.parse("2025-11-25T10:00:00Z").plusMillis(millis))
                .eventType("view")
                .eventId(UUID.randomUUID())
                .build(), null, "user-events", 0, millis, 0));
    }

    @Test
    void everyBufferedRowIsEmittedBeforeTheCheckpointBarrier() throws Exception {
        try (var harness = harness()) {
            harness.processElement(row(1));
            harness.processElement(row(2));
            assertThat(harness.extractOutputValues()).isEmpty();

            harness.prepareSnapshotPreBarrier(1L);

            assertThat(harness.extractOutputValues()).singleElement().satisfies(b -> assertThat(b.rows()).hasSize(2));
        }
    }

    @Test
    void aBatchIsEmittedWhenItsFirstRowHasLingeredLongEnough() throws Exception {
        try (var harness = harness()) {
            harness.setProcessingTime(1_000);
            harness.processElement(row(1));
            harness.setProcessingTime(1_030);
            harness.processElement(row(2));

            harness.setProcessingTime(1_049);
            assertThat(harness.extractOutputValues()).isEmpty();
            harness.setProcessingTime(1_050);

            assertThat(harness.extractOutputValues()).singleElement().satisfies(b -> assertThat(b.rows()).hasSize(2));
        }
    }

    @Test
    void theEndOfABoundedInputFlushesTheRest() throws Exception {
        try (var harness = harness()) {
            harness.processElement(row(1));

            harness.endInput();

            assertThat(harness.extractOutputValues()).singleElement().satisfies(b -> assertThat(b.rows()).hasSize(1));
        }
    }

    @Test
    void countsEveryDistinctEventThatReplacesABufferedRow() throws Exception {
        try (var harness = harness()) {
            harness.processElement(row(1));
            harness.processElement(row(1));
            harness.processElement(row(1));
            harness.processElement(row(2));

            harness.prepareSnapshotPreBarrier(1L);
            assertThat(harness.extractOutputValues()).singleElement().satisfies(b -> assertThat(b.rows()).hasSize(2));
            assertThat(((PartitionBatchOperator) harness.getOperator()).rowCollisions()).isEqualTo(2);
        }
    }

    @Test
    void everyBatchIsWrittenLaterThanTheOneBeforeEvenInOneMillisecond() throws Exception {
        try (var harness = harness()) {
            harness.setProcessingTime(5);
            harness.processElement(row(1));
            harness.prepareSnapshotPreBarrier(1L);
            harness.processElement(row(2));
            harness.prepareSnapshotPreBarrier(2L);
            harness.setProcessingTime(6);
            harness.processElement(row(3));
            harness.prepareSnapshotPreBarrier(3L);

            assertThat(harness.extractOutputValues()).extracting(RowBatch::writeTimestampMicros)
                    .containsExactly(5_000L, 5_001L, 6_000L);
        }
    }
}
