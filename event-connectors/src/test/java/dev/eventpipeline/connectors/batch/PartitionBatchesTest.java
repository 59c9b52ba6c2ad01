package dev.eventpipeline.connectors.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.connectors.types.SourcedRow;
import dev.eventpipeline.model.TableLayout;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PartitionBatchesTest {

    private static final UUID ALICE = UUID.randomUUID();
    private static final UUID BOB = UUID.randomUUID();
    private static final LocalDate DAY = LocalDate.of(2025, 11, 25);

    private final List<List<SourcedRow>> emitted = new ArrayList<>();
    private final List<Long> emittedBytes = new ArrayList<>();
    private final Consumer<PartitionBatch> out = batch -> {
        emitted.add(batch.rows());
        emittedBytes.add(batch.estimatedBytes());
    };

    private static SourcedRow row(UUID user, LocalDate day, long millis, String type, String note) {
        return row(user, day, millis, type, note, UUID.randomUUID());
    }

    private static SourcedRow row(UUID user, LocalDate day, long millis, String type, String note, UUID eventId) {
        return new SourcedRow(UserEventCassandraModel.builder()
                .userId(user)
                .bucketDate(day)
                .eventTime(Instant.parse(day + "T00:00:00Z").plusMillis(millis))
                .eventType(type)
                .eventId(eventId)
                .metadata(Map.of("note", note))
                .build(), null, "user-events", 0, millis, 0);
    }

    private static PartitionBatches seed(int maxRows, long maxBytes, int maxBufferedRows) {
        return new PartitionBatches(maxRows, maxBytes, maxBufferedRows, TableLayout.SEED);
    }

    @Test
    void emitsABatchWhenAPartitionIsFullAndKeepsOthersBuffered() {
        PartitionBatches batches = seed(3, Long.MAX_VALUE, 1000);

        batches.add(row(ALICE, DAY, 1, "view", ""), 0, out);
        batches.add(row(BOB, DAY, 1, "view", ""), 0, out);
        batches.add(row(ALICE, DAY, 2, "view", ""), 0, out);
        batches.add(row(ALICE, DAY, 3, "view", ""), 0, out);

        assertThat(emitted).singleElement().satisfies(batch ->
                assertThat(batch).hasSize(3).allSatisfy(r -> assertThat(r.row().userId()).isEqualTo(ALICE)));
        assertThat(batches.bufferedRows()).isEqualTo(1);
    }

    @Test
    void aUserOnAnotherDayIsAnotherPartition() {
        PartitionBatches batches = seed(2, Long.MAX_VALUE, 1000);

        batches.add(row(ALICE, DAY, 1, "view", ""), 0, out);
        batches.add(row(ALICE, DAY.plusDays(1), 1, "view", ""), 0, out);

        assertThat(emitted).isEmpty();
        batches.drainAll(out);
        assertThat(emitted).hasSize(2).allSatisfy(batch -> assertThat(batch).hasSize(1));
    }

    @Test
    void theLastRowPerClusteringKeyWinsAsInTheTable() {
        PartitionBatches batches = seed(10, Long.MAX_VALUE, 1000);

        batches.add(row(ALICE, DAY, 1, "view", "first"), 0, out);
        batches.add(row(ALICE, DAY, 1, "click", "other type"), 0, out);
        batches.add(row(ALICE, DAY, 1, "view", "second"), 0, out);
        batches.drainAll(out);

        assertThat(batches.bufferedRows()).isZero();
        assertThat(emitted).singleElement().satisfies(batch -> assertThat(batch)
                .extracting(r -> r.row().eventType() + ":" + r.row().metadata().get("note"))
                .containsExactly("view:second", "click:other type"));
    }

    @Test
    void drainsOnlyBatchesOlderThanTheCutoffOldestFirst() {
        PartitionBatches batches = seed(10, Long.MAX_VALUE, 1000);
        batches.add(row(ALICE, DAY, 1, "view", ""), 100, out);
        batches.add(row(BOB, DAY, 1, "view", ""), 200, out);
        batches.add(row(ALICE, DAY, 2, "view", ""), 250, out);

        assertThat(batches.oldestFirstAddedAt()).isEqualTo(100);
        batches.drainOlderThan(150, out);

        assertThat(emitted).singleElement().satisfies(batch -> assertThat(batch).hasSize(2));
        assertThat(batches.oldestFirstAddedAt()).isEqualTo(200);
        assertThat(batches.bufferedRows()).isEqualTo(1);
    }

    @Test
    void writesTheOldestBatchEarlyWhenTheBufferIsFull() {
        PartitionBatches batches = seed(10, Long.MAX_VALUE, 3);
        batches.add(row(ALICE, DAY, 1, "view", ""), 0, out);
        batches.add(row(ALICE, DAY, 2, "view", ""), 1, out);
        batches.add(row(BOB, DAY, 1, "view", ""), 2, out);

        batches.add(row(BOB, DAY, 2, "view", ""), 3, out);

        assertThat(emitted).singleElement().satisfies(batch ->
                assertThat(batch).hasSize(2).allSatisfy(r -> assertThat(r.row().userId()).isEqualTo(ALICE)));
        assertThat(batches.bufferedRows()).isEqualTo(2);
    }

    @Test
    void limitsTheBatchByEstimatedBytes() {
        SourcedRow big = row(ALICE, DAY, 1, "view", "x".repeat(1000));
        long limit = PartitionBatches.estimatedBytes(big.row()) * 2;
        PartitionBatches batches = seed(100, limit, 1000);

        batches.add(big, 0, out);
        assertThat(emitted).isEmpty();
        batches.add(row(ALICE, DAY, 2, "view", "x".repeat(1000)), 0, out);

        assertThat(emitted).singleElement().satisfies(batch -> assertThat(batch).hasSize(2));
    }

    @Test
    void oneRowBatchesWriteEveryRowAtOnce() {
        PartitionBatches batches = seed(1, Long.MAX_VALUE, 1000);

        batches.add(row(ALICE, DAY, 1, "view", ""), 0, out);
        batches.add(row(ALICE, DAY, 2, "view", ""), 0, out);

        assertThat(emitted).hasSize(2);
        assertThat(batches.bufferedRows()).isZero();
    }

    @Test
    void aBatchNeverGrowsBeyondItsByteLimitButARowAloneMay() {
        SourcedRow big = row(ALICE, DAY, 1, "view", "x".repeat(1000));
        long limit = PartitionBatches.estimatedBytes(big.row()) * 2 - 1;
        PartitionBatches batches = seed(100, limit, 1000);

        batches.add(big, 0, out);
        batches.add(row(ALICE, DAY, 2, "view", "x".repeat(1000)), 0, out);

        assertThat(emitted).singleElement().satisfies(batch -> assertThat(batch).hasSize(1));
        assertThat(batches.bufferedRows()).isEqualTo(1);

        PartitionBatches tiny = seed(100, 10, 1000);
        tiny.add(big, 0, out);
        assertThat(emitted).hasSize(2).last().satisfies(batch -> assertThat(batch).containsExactly(big));
    }

    @Test
    void aDistinctEventWithTheSameSeedKeyIsACollisionAndADuplicateIsNot() {
        PartitionBatches batches = seed(10, Long.MAX_VALUE, 1000);
        UUID eventId = UUID.randomUUID();

        assertThat(batches.add(row(ALICE, DAY, 1, "view", "first", eventId), 0, out)).isFalse();
        assertThat(batches.add(row(ALICE, DAY, 1, "view", "replayed", eventId), 0, out)).isFalse();
        assertThat(batches.add(row(ALICE, DAY, 1, "view", "another event"), 0, out)).isTrue();
        assertThat(batches.add(row(ALICE, DAY, 1, "click", "another type"), 0, out)).isFalse();

        batches.drainAll(out);
        assertThat(emitted).singleElement().satisfies(batch -> assertThat(batch).hasSize(2));
    }

    @Test
    void theEventIdLayoutKeepsDistinctEventsOfOneMillisecondApart() {
        PartitionBatches batches = new PartitionBatches(10, Long.MAX_VALUE, 1000, TableLayout.EVENT_ID);
        UUID eventId = UUID.randomUUID();

        assertThat(batches.add(row(ALICE, DAY, 1, "view", "a", eventId), 0, out)).isFalse();
        assertThat(batches.add(row(ALICE, DAY, 1, "view", "b"), 0, out)).isFalse();
        assertThat(batches.add(row(ALICE, DAY, 1, "view", "c"), 0, out)).isFalse();
        assertThat(batches.add(row(ALICE, DAY, 1, "view", "a again", eventId), 0, out)).isFalse();

        batches.drainAll(out);
        assertThat(emitted).singleElement().satisfies(batch -> assertThat(batch)
                .extracting(r -> r.row().metadata().get("note"))
                .containsExactly("a again", "b", "c"));
    }

    @Test
    void aReplacementThatFitsInPlaceOfTheOldRowDoesNotSplitTheBatch() {
        SourcedRow first = row(ALICE, DAY, 1, "view", "x".repeat(1000));
        // Room for both rows and a little more, but not for a third row beside them.
        long limit = PartitionBatches.estimatedBytes(first.row()) + PartitionBatches.estimatedBytes(
                row(ALICE, DAY, 2, "view", "").row()) + 50;
        PartitionBatches batches = seed(100, limit, 1000);
        batches.add(first, 0, out);
        batches.add(row(ALICE, DAY, 2, "view", ""), 0, out);

        assertThat(batches.add(row(ALICE, DAY, 2, "view", "y"), 0, out)).as("a collision").isTrue();

        assertThat(emitted).isEmpty();
        batches.drainAll(out);
        assertThat(emitted).singleElement().satisfies(batch -> assertThat(batch).hasSize(2));
    }

    @Test
    void handsOutTheEstimatedBytesOfTheRowsItHoldsAfterAReplacement() {
        PartitionBatches batches = seed(100, Long.MAX_VALUE, 1000);
        batches.add(row(ALICE, DAY, 1, "view", "x".repeat(300)), 0, out);
        batches.add(row(ALICE, DAY, 2, "view", "é"), 0, out);
        batches.add(row(ALICE, DAY, 1, "view", "shorter"), 0, out); // replaces the first row

        batches.drainAll(out);

        assertThat(emitted).singleElement().satisfies(batch -> assertThat(emittedBytes).containsExactly(
                batch.stream().mapToLong(r -> PartitionBatches.estimatedBytes(r.row())).sum()));
    }
}
