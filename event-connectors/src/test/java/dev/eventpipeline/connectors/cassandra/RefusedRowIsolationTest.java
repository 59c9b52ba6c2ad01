package dev.eventpipeline.connectors.cassandra;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventpipeline.connectors.types.RowBatch;
import dev.eventpipeline.connectors.types.SourcedRow;
import dev.eventpipeline.model.UserEvent;
import dev.eventpipeline.model.UserEventCassandraModel;
import dev.eventpipeline.model.json.UserEventJsonCodec;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RefusedRowIsolationTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-25T12:00:00Z"), ZoneOffset.UTC);
    static final UUID USER = UUID.fromString("589e4567-e89b-12d3-a456-426614174000");

    private final AtomicInteger failedRequests = new AtomicInteger();
    private final AtomicInteger heldSignals = new AtomicInteger();
    private RefusedRowIsolation writer;

    static SourcedRow row(int offset, String type) {
        return new SourcedRow(UserEventCassandraModel.builder()
                .userId(USER)
                .bucketDate(LocalDate.of(2025, 11, 25))
                .eventTime(Instant.parse("2025-11-25T10:00:00Z").plusMillis(offset))
                .eventType(type)
                .eventId(UUID.randomUUID())
                .metadata(Map.of("page", "/p/" + offset))
                .build(), USER.toString().getBytes(UTF_8), "user-events", 1, offset, 1_764_000_000_000L + offset);
    }

    private static RowBatch batch(SourcedRow... rows) {
        return batch(List.of(rows));
    }

    private static RowBatch batch(List<SourcedRow> rows) {
        return new RowBatch(1_764_000_000_000_000L, rows, 0);
    }

    @BeforeEach
    void setUp() {
        ScriptedCassandra.reset(0);
        writer = new RefusedRowIsolation(new ScriptedCassandra(), "event_streaming", "user_events", CLOCK,
                new RefusedRowIsolation.Listener() {
                    @Override
                    public void failedRequest(Throwable error) {
                        failedRequests.incrementAndGet();
                    }

                    @Override
                    public void held() {
                        heldSignals.incrementAndGet();
                    }
                });
    }

    @Test
    void aBatchThatFitsIsOneRequestAndNoDeadLetter() {
        RefusedRowIsolation.Outcome outcome = writer.write(batch(row(1, "view"), row(2, "click"))).join();

        assertThat(outcome.deadLetters()).isEmpty();
        assertThat(outcome.rowsWritten()).isEqualTo(2);
        assertThat(outcome.requestsWritten()).isEqualTo(1);
        assertThat(ScriptedCassandra.REQUESTS).hasSize(1);
        assertThat(ScriptedCassandra.TIMESTAMPS).containsExactly(1_764_000_000_000_000L);
    }

    @Test
    void aRefusedBatchIsRetriedRowByRowAndOnlyTheRefusedRowBecomesADeadLetter() {
        SourcedRow refused = row(2, "refused");
        RefusedRowIsolation.Outcome outcome = writer.write(batch(row(1, "view"), refused, row(3, "click"))).join();

        assertThat(ScriptedCassandra.WRITTEN).extracting(UserEventCassandraModel::eventType)
                .containsExactlyInAnyOrder("view", "click");
        assertThat(ScriptedCassandra.REQUESTS).hasSize(4); // the batch, then each row alone
        assertThat(ScriptedCassandra.TIMESTAMPS).as("row by row with the batch's timestamp")
                .containsOnly(1_764_000_000_000_000L);
        assertThat(outcome.rowsWritten()).isEqualTo(2);
        assertThat(failedRequests).hasValue(2);
        assertThat(outcome.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.reason).isEqualTo("WRITE_REJECTED");
            assertThat(letter.message).contains("Cassandra refused the row", "Key length of 70009");
            assertThat(letter.sourceTopic).isEqualTo("user-events");
            assertThat(letter.sourcePartition).isEqualTo(1);
            assertThat(letter.sourceOffset).isEqualTo(2L);
            assertThat(letter.sourceTimestamp).isEqualTo(1_764_000_000_002L);
            assertThat(letter.key).isEqualTo(USER.toString().getBytes(UTF_8));
            assertThat(letter.rejectedAt).isEqualTo(CLOCK.millis());
            UserEvent event = UserEventJsonCodec.create().decode(letter.value).value();
            assertThat(event.eventId()).isEqualTo(refused.row().eventId());
            assertThat(event.eventTime()).isEqualTo(refused.row().eventTime());
            assertThat(event.metadata()).isEqualTo(refused.row().metadata());
        });
    }

    @Test
    void aTransientErrorFailsTheWriteAsTransientSoTheWholeBatchIsRetried() {
        ScriptedCassandra.reset(1);

        assertThatThrownBy(() -> writer.write(batch(row(1, "view"))).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(TransientWriteException.class)
                .hasMessageContaining("cassandra.max-retries");
        assertThat(writer.write(batch(row(1, "view"))).join().rowsWritten()).isEqualTo(1);
    }

    @Test
    void anErrorNoRowCanFixFailsAtOnceAndDeadLettersNothing() {
        ScriptedCassandra.fatalMessage = "unconfigured table user_events";

        assertThatThrownBy(() -> writer.write(batch(row(1, "view"), row(2, "view"))).join())
                .cause().isInstanceOf(FatalWriteException.class)
                .hasMessageContaining("event_streaming.user_events", "apply the schema");
        assertThat(ScriptedCassandra.REQUESTS).hasSize(1);
        assertThat(FatalWriteException.class.getAnnotation(org.apache.flink.runtime.throwable.ThrowableAnnotation.class)
                .value()).as("Flink must not restart into it").isEqualTo(
                        org.apache.flink.runtime.throwable.ThrowableType.NonRecoverableError);
    }

    @Test
    void refusalsBeforeTheFirstWrittenRowWaitAndTheFirstWrittenRowReleasesThem() {
        CompletableFuture<RefusedRowIsolation.Outcome> early = writer.write(batch(row(1, "refused")));
        assertThat(early).as("no dead letter while no row has been written").isNotDone();

        assertThat(writer.write(batch(row(2, "view"))).join().rowsWritten()).isEqualTo(1);

        assertThat(early).isCompleted();
        assertThat(early.join().deadLetters()).singleElement()
                .satisfies(letter -> assertThat(letter.sourceOffset).isEqualTo(1L));
        assertThat(writer.write(batch(row(3, "refused"))).join().deadLetters()).hasSize(1);
    }

    @Test
    void aTableThatTakesNoRowFailsTheJobAndDeadLettersNothing() {
        List<SourcedRow> refused = new ArrayList<>();
        for (int i = 0; i < RefusedRowIsolation.MAX_CONSECUTIVE_REFUSED_ROWS - 1; i++) {
            refused.add(row(i, "refused"));
        }
        CompletableFuture<RefusedRowIsolation.Outcome> held = writer.write(batch(refused));
        assertThat(held).isNotDone();

        assertThatThrownBy(() -> writer.write(batch(row(1000, "refused"))).join())
                .cause().isInstanceOf(FatalWriteException.class)
                .hasMessageContaining("100 rows in a row were refused");
        assertThat(held).isCompletedExceptionally();
    }

    @Test
    void aHundredRefusalsInARowAfterWrittenRowsFailTheJob() {
        assertThat(writer.write(batch(row(0, "view"))).join().rowsWritten()).isEqualTo(1);
        List<SourcedRow> refused = new ArrayList<>();
        for (int i = 1; i < RefusedRowIsolation.MAX_CONSECUTIVE_REFUSED_ROWS; i++) {
            refused.add(row(i, "refused"));
        }
        assertThat(writer.write(batch(refused)).join().deadLetters()).hasSize(RefusedRowIsolation.MAX_CONSECUTIVE_REFUSED_ROWS - 1);
        assertThat(writer.write(batch(row(1000, "view"))).join().rowsWritten()).isEqualTo(1); // resets the count
        assertThat(writer.write(batch(refused)).join().deadLetters()).hasSize(RefusedRowIsolation.MAX_CONSECUTIVE_REFUSED_ROWS - 1);

        assertThatThrownBy(() -> writer.write(batch(row(2000, "refused"))).join())
                .cause().isInstanceOf(FatalWriteException.class)
                .hasMessageContaining("100 rows in a row were refused");
    }

    @Test
    void aRetriedAttemptCountsNothing() {
        ScriptedCassandra.reset(1);
        assertThatThrownBy(() -> writer.write(batch(row(1, "view"), row(2, "refused"))).join())
                .cause().isInstanceOf(TransientWriteException.class);

        RefusedRowIsolation.Outcome retried = writer.write(batch(row(1, "view"), row(2, "refused"))).join();
        assertThat(retried.rowsWritten()).isEqualTo(1);
        assertThat(retried.deadLetters()).hasSize(1);
        assertThat(failedRequests).as("each failed request, the retried one included").hasValue(3);
    }

    @Test
    void heldWritesAreReleasedAsDeadLettersBeforeACheckpointAndTheRefusalsStillCount() {
        CompletableFuture<RefusedRowIsolation.Outcome> first = writer.write(batch(row(0, "refused")));
        assertThat(first).isNotDone();
        assertThat(writer.heldWrites()).isEqualTo(1);
        assertThat(heldSignals).as("the sink's writer is woken for a held write").hasValue(1);

        writer.releaseHeld(); // a checkpoint: the writer must finish every write

        assertThat(first).isCompleted();
        assertThat(first.join().rowsWritten()).isZero();
        assertThat(first.join().deadLetters()).singleElement()
                .satisfies(letter -> assertThat(letter.sourceOffset).isZero());
        assertThat(writer.heldWrites()).isZero();

        // Still no row written: the next refusals wait again, and the released one still counts.
        List<SourcedRow> refused = new ArrayList<>();
        for (int i = 1; i < RefusedRowIsolation.MAX_CONSECUTIVE_REFUSED_ROWS - 1; i++) {
            refused.add(row(i, "refused"));
        }
        CompletableFuture<RefusedRowIsolation.Outcome> second = writer.write(batch(refused));
        assertThat(second).isNotDone();
        assertThat(writer.heldWrites()).isEqualTo(1);

        assertThatThrownBy(() -> writer.write(batch(row(1000, "refused"))).join())
                .cause().isInstanceOf(FatalWriteException.class)
                .hasMessageContaining("100 rows in a row were refused");
        assertThat(second).isCompletedExceptionally();
        assertThat(writer.heldWrites()).isZero();
    }

    @Test
    void releasingWithNothingHeldDoesNothing() {
        writer.releaseHeld();
        assertThat(writer.heldWrites()).isZero();
        assertThat(writer.write(batch(row(1, "view"))).join().rowsWritten()).isEqualTo(1);
        assertThat(heldSignals).hasValue(0);
    }
}
