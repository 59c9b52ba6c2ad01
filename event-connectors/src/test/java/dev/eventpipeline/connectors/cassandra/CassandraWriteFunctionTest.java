package dev.eventpipeline.connectors.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.connectors.deadletter.DeadLetter;
import dev.eventpipeline.connectors.types.RowBatch;
import dev.eventpipeline.connectors.types.RowBatchSerializer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.flink.streaming.runtime.tasks.mailbox.Mail;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The writer in Flink's async I/O operator, on the harness' processing-time clock. */
class CassandraWriteFunctionTest {

    private static OneInputStreamOperatorTestHarness<RowBatch, DeadLetter> harness(int maxRetries)
            throws Exception {
        return harness(maxRetries, null);
    }

    private static OneInputStreamOperatorTestHarness<RowBatch, DeadLetter> harness(int maxRetries,
            OperatorSubtaskState restored) throws Exception {
        WriteRetryStrategy retries = new WriteRetryStrategy(maxRetries, Duration.ofMillis(100), Duration.ofSeconds(1),
                () -> 0.5);
        CassandraWriteFunction function = new CassandraWriteFunction(ScriptedCassandra::new, "event_streaming",
                "user_events", RefusedRowIsolationTest.CLOCK);
        OneInputStreamOperatorTestHarness<RowBatch, DeadLetter> harness = new OneInputStreamOperatorTestHarness<>(
                new AsyncWaitOperatorFactory<>(function, 60_000, 10, AsyncDataStream.OutputMode.UNORDERED, retries),
                RowBatchSerializer.INSTANCE);
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return harness;
    }

    /** Runs what the operator handed to the task's mailbox (completions, retry registrations). */
    private static void runMails(OneInputStreamOperatorTestHarness<?, ?> harness) throws Exception {
        Optional<Mail> mail;
        while ((mail = harness.getTaskMailbox().tryTake(TaskMailbox.MIN_PRIORITY)).isPresent()) {
            mail.get().run();
        }
    }

    private static void advanceTo(OneInputStreamOperatorTestHarness<?, ?> harness, long time) throws Exception {
        runMails(harness);
        harness.setProcessingTime(time);
        runMails(harness);
    }

    @Test
    void aTransientErrorIsRetriedOnlyAfterItsBackoffThenWritten() throws Exception {
        ScriptedCassandra.reset(2);
        try (var harness = harness(5)) {
            harness.setProcessingTime(1_000);
            harness.processElement(new StreamRecord<>(new RowBatch(42L, List.of(RefusedRowIsolationTest.row(1, "view")))));
            assertThat(ScriptedCassandra.REQUESTS).hasSize(1);

            advanceTo(harness, 1_074); // first backoff: 100 ms ceiling, jitter 0.5 -> 75 ms
            assertThat(ScriptedCassandra.REQUESTS).hasSize(1);
            advanceTo(harness, 1_075);
            assertThat(ScriptedCassandra.REQUESTS).hasSize(2);

            advanceTo(harness, 1_075 + 149); // second: 200 ms ceiling -> 150 ms
            assertThat(ScriptedCassandra.REQUESTS).hasSize(2);
            advanceTo(harness, 1_075 + 150);
            harness.endInput();

            assertThat(ScriptedCassandra.REQUESTS).hasSize(3);
            assertThat(ScriptedCassandra.TIMESTAMPS).as("every retry writes with the batch's timestamp")
                    .containsExactly(42L, 42L, 42L);
            assertThat(ScriptedCassandra.WRITTEN).hasSize(1);
            assertThat(harness.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void aRefusedRowLeavesTheOperatorAsADeadLetter() throws Exception {
        ScriptedCassandra.reset(0);
        try (var harness = harness(5)) {
            harness.processElement(new StreamRecord<>(new RowBatch(42L, List.of(
                    RefusedRowIsolationTest.row(1, "view"), RefusedRowIsolationTest.row(2, "refused")))));
            harness.endInput();

            assertThat(harness.extractOutputValues()).singleElement()
                    .satisfies(letter -> assertThat(letter.sourceOffset).isEqualTo(2L));
            assertThat(ScriptedCassandra.WRITTEN).hasSize(1);
        }
    }

    @Test
    void aWriteInFlightAtACheckpointIsWrittenAgainAfterARestoreAndItsDeadLetterIsNotLost() throws Exception {
        ScriptedCassandra.reset(0);
        OperatorSubtaskState checkpoint;
        try (var harness = harness(5)) {
            harness.processElement(new StreamRecord<>(new RowBatch(7L, List.of(RefusedRowIsolationTest.row(1, "view")))));
            runMails(harness);
            ScriptedCassandra.unanswered = true; // the next write is still on its way when the checkpoint is taken
            harness.processElement(new StreamRecord<>(new RowBatch(8L, List.of(
                    RefusedRowIsolationTest.row(2, "view"), RefusedRowIsolationTest.row(3, "refused")))));
            checkpoint = harness.snapshot(1L, 1L);
            assertThat(harness.extractOutputValues()).as("nothing emitted before the crash").isEmpty();
        } // the crash: the answer never comes

        ScriptedCassandra.reset(0);
        try (var restored = harness(5, checkpoint)) {
            runMails(restored);
            restored.processElement(new StreamRecord<>(new RowBatch(9L, List.of(RefusedRowIsolationTest.row(4, "view")))));
            restored.endInput();

            assertThat(ScriptedCassandra.TIMESTAMPS).as("the batch from the checkpoint first, with its own timestamp")
                    .startsWith(8L);
            assertThat(restored.extractOutputValues()).singleElement()
                    .satisfies(letter -> assertThat(letter.sourceOffset).isEqualTo(3L));
            assertThat(ScriptedCassandra.WRITTEN).extracting(row -> row.eventTime().toEpochMilli() % 1000)
                    .containsExactlyInAnyOrder(2L, 4L);
        }
    }
}
