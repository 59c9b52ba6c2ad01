package dev.eventpipeline.connectors.cassandra;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import dev.eventpipeline.connectors.batch.BatchSettings;
import dev.eventpipeline.connectors.deadletter.DeadLetter;
import dev.eventpipeline.connectors.metrics.PipelineMetrics;
import dev.eventpipeline.connectors.types.SourcedRow;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableSummary;
import org.apache.flink.streaming.api.connector.sink2.CommittableWithLineage;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.runtime.operators.sink.SinkWriterOperatorFactory;
import org.apache.flink.streaming.runtime.tasks.StreamTaskActionExecutor;
import org.apache.flink.streaming.runtime.tasks.mailbox.MailboxExecutorImpl;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Cassandra sink's writer inside Flink's own sink-writer operator ({@link SinkWriterOperatorFactory},
 * the operator {@code sinkTo} makes) and Flink's operator test harness, as Flink's SinkWriterOperatorTest
 * drives it: real mailbox (the driver's answers and the mails the writer yields to), real
 * checkpoint path (prepareSnapshotPreBarrier flushes and emits the dead letters as committables), real
 * sink metric group. Chosen over flink-connector-base's TestSinkInitContext, which hands the writer a
 * stand-in for Flink's mailbox and operator.
 *
 * <p>The harness's processing time is a {@link org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService}:
 * its timers (linger, retry backoff) fire synchronously when the test sets the time, on the test thread,
 * which is the mailbox thread. Answers of {@link ScriptedCassandra} arrive as mails; {@link #runMails()} runs
 * them like the task's mailbox loop would between records. A writer that waits in
 * {@code mailbox.yield()} for an answer that never comes would block the test thread: hence the timeout.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CassandraRowSinkWriterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-25T12:00:00Z"), ZoneOffset.UTC);
    private static final UUID USER_A = UUID.fromString("589e4567-e89b-12d3-a456-426614174000");
    private static final UUID USER_B = UUID.fromString("6a0e4567-e89b-12d3-a456-426614174000");
    private static final UUID USER_C = UUID.fromString("7b1e4567-e89b-12d3-a456-426614174000");
    private static final long LINGER = 200;
    private static final long START = 1_000;
    /** Equal jitter at 0.5 over a 100 ms ceiling: the first retry waits exactly 75 ms. */
    private static final WriteRetryStrategy RETRIES = new WriteRetryStrategy(2, Duration.ofMillis(100),
            Duration.ofSeconds(1), () -> 0.5);

    private final InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
    private MockEnvironment environment;
    private OneInputStreamOperatorTestHarness<SourcedRow, CommittableMessage<DeadLetter>> harness;
    private MailboxExecutor mails;
    private ExecutorService server;

    @BeforeEach
    void reset() {
        ScriptedCassandra.reset(0);
        server = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "scripted-cassandra-answers"));
    }

    @AfterEach
    void close() throws Exception {
        server.shutdownNow();
        if (harness != null) {
            harness.close();
        }
        if (environment != null) {
            environment.close();
        }
    }

    private static CassandraSinkSettings settings(UnaryOperator<ImmutableCassandraSinkSettings.Builder> custom) {
        return custom.apply(CassandraSinkSettings.builder()
                .keyspace("event_streaming")
                .batching(BatchSettings.builder().maxRows(3).lingerMillis(LINGER).build())
                .maxRetries(RETRIES.maxRetries())).build();
    }

    private void open(CassandraSinkSettings settings) throws Exception {
        open(settings, RETRIES);
    }

    private void open(CassandraSinkSettings settings, WriteRetryStrategy retries) throws Exception {
        CassandraRowSink sink = CassandraRowSink.builder()
                .setSettings(settings)
                .setExecutors(ScriptedCassandra::new)
                .setRetries(retries)
                .setClock(CLOCK)
                .setDeadLetterSink(new DiscardingSink<>(), "refused-rows")
                .build();
        // The operator's metric group keeps what the writer registers, so the test can read it.
        environment = new MockEnvironmentBuilder()
                .setMetricGroup(new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                    @Override
                    public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name) {
                        return metrics;
                    }
                })
                .build();
        harness = new OneInputStreamOperatorTestHarness<>(new SinkWriterOperatorFactory<>(sink), environment);
        harness.open();
        harness.setProcessingTime(START);
        mails = new MailboxExecutorImpl(harness.getTaskMailbox(), TaskMailbox.MIN_PRIORITY,
                StreamTaskActionExecutor.IMMEDIATE);
    }

    private static SourcedRow row(UUID user, int offset, String type) {
        return new SourcedRow(UserEventCassandraModel.builder()
                .userId(user)
                .bucketDate(LocalDate.of(2025, 11, 25))
                .eventTime(Instant.parse("2025-11-25T10:00:00Z").plusMillis(offset))
                .eventType(type)
                .eventId(UUID.nameUUIDFromBytes(("event-" + offset).getBytes(UTF_8)))
                .metadata(Map.of("page", "/p/" + offset))
                .build(), user.toString().getBytes(UTF_8), "user-events", 0, offset, 1_764_000_000_000L + offset);
    }

    private void write(SourcedRow... rows) throws Exception {
        for (SourcedRow row : rows) {
            harness.processElement(row, row.timestamp());
        }
    }

    /** Runs the mails waiting in the task's mailbox (the driver's answers), as the task does between records. */
    private void runMails() {
        while (mails.tryYield()) {
            // each call ran one mail
        }
    }

    private long counter(String name) {
        return ((Counter) metrics.get(name)).getCount();
    }

    private List<DeadLetter> committedDeadLetters() {
        List<DeadLetter> letters = new ArrayList<>();
        for (CommittableMessage<DeadLetter> message : harness.extractOutputValues()) {
            if (message instanceof CommittableWithLineage<DeadLetter> withLineage) {
                letters.add(withLineage.getCommittable());
            }
        }
        return letters;
    }

    private List<CommittableSummary<DeadLetter>> summaries() {
        List<CommittableSummary<DeadLetter>> summaries = new ArrayList<>();
        for (CommittableMessage<DeadLetter> message : harness.extractOutputValues()) {
            if (message instanceof CommittableSummary<DeadLetter> summary) {
                summaries.add(summary);
            }
        }
        return summaries;
    }

    private static List<String> types(List<UserEventCassandraModel> rows) {
        return rows.stream().map(UserEventCassandraModel::eventType).toList();
    }

    @Test
    void rowsOfOnePartitionGoAsOneRequestOnceTheyHaveLingered() throws Exception {
        open(settings(b -> b));

        write(row(USER_A, 1, "view"), row(USER_A, 2, "click"));
        harness.setProcessingTime(START + LINGER - 1);
        assertThat(ScriptedCassandra.REQUESTS).as("still lingering").isEmpty();

        harness.setProcessingTime(START + LINGER);
        assertThat(ScriptedCassandra.REQUESTS).hasSize(1);
        assertThat(types(ScriptedCassandra.REQUESTS.get(0))).containsExactly("view", "click");

        runMails();
        assertThat(counter(PipelineMetrics.ROWS_WRITTEN)).isEqualTo(2);
        assertThat(counter(PipelineMetrics.REQUESTS_WRITTEN)).isEqualTo(1);
        assertThat(counter(PipelineMetrics.BATCHES_EMITTED)).isEqualTo(1);
        assertThat(counter("numRecordsSend")).as("FLIP-33's numRecordsSend counts rows").isEqualTo(2);
        assertThat(metrics.getIOMetricGroup().getNumRecordsOutCounter().getCount()).as("= numRecordsOut").isEqualTo(2);
        assertThat(((Gauge<?>) metrics.get(PipelineMetrics.IN_FLIGHT_REQUESTS)).getValue()).isEqualTo(0);
    }

    @Test
    void aFullBatchGoesAtOnceAndEveryPartitionIsItsOwnRequest() throws Exception {
        open(settings(b -> b));

        write(row(USER_A, 1, "a1"), row(USER_B, 2, "b1"), row(USER_A, 3, "a2"), row(USER_A, 4, "a3"));
        assertThat(ScriptedCassandra.REQUESTS).as("A is full (3 rows), B lingers").hasSize(1);
        assertThat(types(ScriptedCassandra.REQUESTS.get(0))).containsExactly("a1", "a2", "a3");
        assertThat(((Gauge<?>) metrics.get(PipelineMetrics.BUFFERED_ROWS)).getValue()).isEqualTo(1);

        harness.setProcessingTime(START + LINGER);
        assertThat(ScriptedCassandra.REQUESTS).hasSize(2);
        assertThat(types(ScriptedCassandra.REQUESTS.get(1))).containsExactly("b1");
        runMails();
        assertThat(counter(PipelineMetrics.ROWS_WRITTEN)).isEqualTo(4);
        assertThat(counter(PipelineMetrics.REQUESTS_WRITTEN)).isEqualTo(2);
    }

    @Test
    void aCheckpointSendsEverythingAndWaitsForEveryAnswer() throws Exception {
        open(settings(b -> b));
        ScriptedCassandra.unanswered = true;
        write(row(USER_A, 1, "a1"), row(USER_B, 2, "b1"), row(USER_C, 3, "c1"));
        assertThat(ScriptedCassandra.REQUESTS).as("nothing is due before the linger time").isEmpty();

        // The server answers from its own thread once it has all three requests, which only the flush sends.
        Future<?> answers = server.submit(() -> {
            for (int i = 0; i < 3; i++) {
                ScriptedCassandra.answer(ScriptedCassandra.PENDING.take());
            }
            return null;
        });
        harness.prepareSnapshotPreBarrier(1);

        answers.get();
        assertThat(ScriptedCassandra.WRITTEN).hasSize(3);
        assertThat(counter(PipelineMetrics.ROWS_WRITTEN)).as("every answer was taken in before the barrier").isEqualTo(3);
        assertThat(ScriptedCassandra.OUTSTANDING).hasValue(0);
        assertThat(summaries()).singleElement().satisfies(summary -> {
            assertThat(summary.getCheckpointIdOrEOI()).isEqualTo(1);
            assertThat(summary.getNumberOfCommittables()).isZero();
        });
        assertThat(harness.snapshot(1, START)).isNotNull();
    }

    @Test
    void noMoreThanMaxConcurrentRequestsAreUnanswered() throws Exception {
        open(settings(b -> b.maxConcurrentRequests(2).batching(BatchSettings.builder().maxRows(1).build())));
        ScriptedCassandra.unanswered = true;
        int requests = 5;

        // The server answers the oldest request only while it holds two: a writer that did not wait for an
        // answer at its bound would have sent a third.
        Future<?> answers = server.submit(() -> {
            Deque<ScriptedCassandra.Pending> held = new ArrayDeque<>();
            int taken = 0;
            while (taken < requests || !held.isEmpty()) {
                while (taken < requests && held.size() < 2) {
                    held.add(ScriptedCassandra.PENDING.take());
                    taken++;
                }
                ScriptedCassandra.answer(held.poll());
            }
            return null;
        });
        for (int i = 0; i < requests; i++) {
            write(row(new UUID(i, i), i, "view")); // five partitions, one full batch each
        }
        harness.prepareSnapshotPreBarrier(1);

        answers.get();
        assertThat(ScriptedCassandra.MAX_OUTSTANDING).hasValue(2);
        assertThat(ScriptedCassandra.WRITTEN).hasSize(requests);
        assertThat(counter(PipelineMetrics.ROWS_WRITTEN)).isEqualTo(requests);
    }

    @Test
    void aRefusedRowBecomesADeadLetterCommittedWithTheCheckpointAndTheOthersAreWritten() throws Exception {
        open(settings(b -> b));

        write(row(USER_A, 1, "view"), row(USER_A, 2, "refused"), row(USER_A, 3, "click"));
        assertThat(committedDeadLetters()).as("dead letters wait for the checkpoint").isEmpty();
        harness.prepareSnapshotPreBarrier(1);

        assertThat(types(ScriptedCassandra.WRITTEN)).containsExactlyInAnyOrder("view", "click");
        assertThat(ScriptedCassandra.REQUESTS).as("the batch, then each row alone").hasSize(4);
        assertThat(committedDeadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.reason).isEqualTo("WRITE_REJECTED");
            assertThat(letter.sourceOffset).isEqualTo(2);
            assertThat(letter.message).contains("Key length of 70009");
            assertThat(letter.rejectedAt).isEqualTo(CLOCK.millis());
        });
        assertThat(summaries()).singleElement().satisfies(summary -> {
            assertThat(summary.getCheckpointIdOrEOI()).isEqualTo(1);
            assertThat(summary.getNumberOfCommittables()).isEqualTo(1);
        });
        assertThat(counter(PipelineMetrics.ROWS_WRITTEN)).isEqualTo(2);
        assertThat(counter("numRecordsSend")).isEqualTo(2);
        assertThat(counter(PipelineMetrics.EVENTS_REJECTED)).isEqualTo(1);
        assertThat(counter(PipelineMetrics.WRITE_FAILURES)).as("the batch and the refused row").isEqualTo(2);

        harness.prepareSnapshotPreBarrier(2);
        assertThat(committedDeadLetters()).as("a dead letter goes with one checkpoint only").hasSize(1);
        assertThat(summaries()).hasSize(2).last()
                .satisfies(summary -> assertThat(summary.getNumberOfCommittables()).isZero());
    }

    @Test
    void refusalsHeldBeforeAnyRowWasWrittenAreDeadLetteredAtTheCheckpoint() throws Exception {
        open(settings(b -> b));

        write(row(USER_A, 1, "refused"));
        harness.setProcessingTime(START + LINGER);
        runMails();
        assertThat(ScriptedCassandra.REQUESTS).hasSize(1);
        assertThat(((Gauge<?>) metrics.get(PipelineMetrics.IN_FLIGHT_REQUESTS)).getValue())
                .as("held: no row written yet").isEqualTo(1);

        harness.prepareSnapshotPreBarrier(1);

        assertThat(committedDeadLetters()).singleElement()
                .satisfies(letter -> assertThat(letter.sourceOffset).isEqualTo(1));
        assertThat(((Gauge<?>) metrics.get(PipelineMetrics.IN_FLIGHT_REQUESTS)).getValue()).isEqualTo(0);
    }

    @Test
    void aTransientErrorIsRetriedAfterTheBackoffAndThenWritten() throws Exception {
        open(settings(b -> b));
        ScriptedCassandra.reset(1);

        write(row(USER_A, 1, "view"));
        harness.setProcessingTime(START + LINGER);
        runMails();
        assertThat(counter(PipelineMetrics.WRITE_RETRIES)).isEqualTo(1);
        assertThat(ScriptedCassandra.REQUESTS).hasSize(1);

        harness.setProcessingTime(START + LINGER + 74);
        assertThat(ScriptedCassandra.REQUESTS).as("the backoff is 75 ms").hasSize(1);
        harness.setProcessingTime(START + LINGER + 75);
        assertThat(ScriptedCassandra.REQUESTS).hasSize(2);
        runMails();

        assertThat(types(ScriptedCassandra.WRITTEN)).containsExactly("view");
        assertThat(ScriptedCassandra.TIMESTAMPS.get(1)).as("a retry keeps its write timestamp")
                .isEqualTo(ScriptedCassandra.TIMESTAMPS.get(0));
        assertThat(counter(PipelineMetrics.ROWS_WRITTEN)).isEqualTo(1);
        assertThat(counter(PipelineMetrics.WRITE_FAILURES)).isEqualTo(1);
        harness.prepareSnapshotPreBarrier(1);
        assertThat(committedDeadLetters()).isEmpty();
    }

    @Test
    void aTransientErrorFailsTheTaskOnceTheRetriesAreUsedUp() throws Exception {
        open(settings(b -> b.maxRetries(1)), new WriteRetryStrategy(1, Duration.ofMillis(100), Duration.ofSeconds(1),
                () -> 0.5));
        ScriptedCassandra.reset(2);

        write(row(USER_A, 1, "view"));
        harness.setProcessingTime(START + LINGER);
        runMails();
        harness.setProcessingTime(START + LINGER + 75);
        assertThat(ScriptedCassandra.REQUESTS).hasSize(2);

        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> harness.prepareSnapshotPreBarrier(1));

        assertThat(ExceptionUtils.findThrowable(failure, TransientWriteException.class)).isPresent();
        assertThat(ExceptionUtils.findThrowable(failure, WriteTimeoutException.class)).isPresent();
        assertThat(ScriptedCassandra.WRITTEN).isEmpty();
        assertThat(counter(PipelineMetrics.WRITE_RETRIES)).isEqualTo(1);
    }

    @Test
    void aFatalErrorFailsTheTaskAtOnce() throws Exception {
        open(settings(b -> b));
        ScriptedCassandra.fatalMessage = "unconfigured table user_events";

        write(row(USER_A, 1, "view"), row(USER_B, 2, "view"));

        assertThatThrownBy(() -> harness.prepareSnapshotPreBarrier(1))
                .satisfies(failure -> assertThat(ExceptionUtils.findThrowable(failure, FatalWriteException.class))
                        .get().satisfies(fatal -> assertThat(fatal.getMessage())
                                .contains("event_streaming.user_events", "apply the schema")));
        assertThat(counter(PipelineMetrics.WRITE_RETRIES)).isZero();
        assertThat(committedDeadLetters()).isEmpty();
    }

    @Test
    void anotherEventWithTheSamePrimaryKeyCountsAsACollision() throws Exception {
        open(settings(b -> b));
        SourcedRow first = row(USER_A, 1, "view");
        SourcedRow other = new SourcedRow(UserEventCassandraModel.builder().from(first.row())
                .eventId(UUID.randomUUID()).build(), first.key(), first.topic(), 0, 9, first.timestamp());

        write(first, first); // the same event again (a replay): no collision
        assertThat(counter(PipelineMetrics.ROW_COLLISIONS)).isZero();
        write(other);
        assertThat(counter(PipelineMetrics.ROW_COLLISIONS)).isEqualTo(1);

        harness.prepareSnapshotPreBarrier(1);
        assertThat(ScriptedCassandra.REQUESTS).singleElement().satisfies(request ->
                assertThat(request).singleElement().satisfies(row ->
                        assertThat(row.eventId()).isEqualTo(other.row().eventId())));
    }

    @Test
    void writeTimestampsStrictlyIncreaseWithinOneMillisecond() throws Exception {
        open(settings(b -> b.batching(BatchSettings.builder().maxRows(1).build())));

        write(row(USER_A, 1, "view"), row(USER_B, 2, "view"), row(USER_C, 3, "view"));
        harness.setProcessingTime(START + 5);
        write(row(USER_A, 4, "view"));
        harness.prepareSnapshotPreBarrier(1);

        assertThat(ScriptedCassandra.TIMESTAMPS).containsExactly(
                START * 1000, START * 1000 + 1, START * 1000 + 2, (START + 5) * 1000);
    }

    @Test
    void aRateLimitedWriterStillSendsEveryBatchOnce() throws Exception {
        // The limit's timing is WriteRateLimitTest's (on a given clock); here only that the path writes.
        open(settings(b -> b.writeRateLimit(1e8).batching(BatchSettings.builder().maxRows(1).build())));

        write(row(USER_A, 1, "a"), row(USER_B, 2, "b"), row(USER_C, 3, "c"));
        harness.prepareSnapshotPreBarrier(1);

        assertThat(ScriptedCassandra.REQUESTS).hasSize(3);
        assertThat(types(ScriptedCassandra.WRITTEN)).containsExactly("a", "b", "c");
        assertThat(counter(PipelineMetrics.ROWS_WRITTEN)).isEqualTo(3);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void heldRefusalsAtTheInFlightBoundDoNotStopTheWriter() throws Exception {
        // With every request in flight held (refused rows before any row was written), no answer will come
        // to free a place: the writer must release them, as it does before a checkpoint, not wait for ever.
        open(settings(b -> b.maxConcurrentRequests(1).batching(BatchSettings.builder().maxRows(1).build())));

        write(row(USER_A, 1, "refused"));
        write(row(USER_B, 2, "view"));
        harness.prepareSnapshotPreBarrier(1);

        assertThat(types(ScriptedCassandra.WRITTEN)).containsExactly("view");
        assertThat(committedDeadLetters()).singleElement()
                .satisfies(letter -> assertThat(letter.sourceOffset).isEqualTo(1));
    }

    @Test
    void aLingerTimerThatFiresWhileTheWriterWaitsForAPlaceSendsNoBatchTwice() throws Exception {
        open(settings(b -> b.maxConcurrentRequests(1).batching(BatchSettings.builder().maxRows(2).lingerMillis(LINGER)
                .build())));
        ScriptedCassandra.unanswered = true;
        ScriptedCassandra.Pending stop = new ScriptedCassandra.Pending(List.of(), 0, null);

        write(row(USER_A, 1, "a1")); // lingers until START + LINGER
        write(row(USER_B, 2, "b1"), row(USER_B, 3, "b2")); // full: sent, and unanswered for now
        // In a task, a timer's callback is a mail, which runs whenever the writer yields to the mailbox; here
        // the linger timer's mail arrives while the writer waits for a place for C's full batch.
        Future<?> answers = server.submit(() -> {
            ScriptedCassandra.Pending first = ScriptedCassandra.PENDING.take();
            // posted as the operator's timer service posts: with the priority of the operator's mails
            new MailboxExecutorImpl(harness.getTaskMailbox(), 0, StreamTaskActionExecutor.IMMEDIATE)
                    .execute(() -> harness.setProcessingTime(START + LINGER), "linger timer");
            ScriptedCassandra.answer(first);
            for (ScriptedCassandra.Pending next; (next = ScriptedCassandra.PENDING.take()) != stop; ) {
                ScriptedCassandra.answer(next);
            }
            return null;
        });
        write(row(USER_C, 4, "c1"), row(USER_C, 5, "c2"));
        harness.prepareSnapshotPreBarrier(1);
        ScriptedCassandra.PENDING.add(stop);
        answers.get();

        assertThat(ScriptedCassandra.REQUESTS).as("A lingered out while C waited").hasSize(3);
        assertThat(types(ScriptedCassandra.WRITTEN)).containsExactlyInAnyOrder("a1", "b1", "b2", "c1", "c2");
        assertThat(counter(PipelineMetrics.ROWS_WRITTEN)).isEqualTo(5);
        assertThat(ScriptedCassandra.MAX_OUTSTANDING).hasValue(1);
    }
}
