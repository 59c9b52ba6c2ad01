package dev.eventpipeline.connectors.cassandra;

import dev.eventpipeline.connectors.deadletter.DeadLetter;
import dev.eventpipeline.connectors.types.RowBatch;
import dev.eventpipeline.connectors.types.SourcedRow;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Writes one partition's rows and decides what each failure means ({@link WriteErrors}): a batch
 * that Cassandra refuses for its data is tried again row by row, so one bad row cannot hold back
 * the others; each row refused alone becomes a {@code WRITE_REJECTED} dead letter and the rest is
 * written. Transient errors fail the write with {@link TransientWriteException} (the retry
 * strategy retries the whole batch: upserts are idempotent), fatal ones with
 * {@link FatalWriteException}.
 *
 * <p>A guard against a table problem that {@link WriteErrors} cannot tell from bad data: refusals
 * are dead letters only once this writer has written a row, so a table that takes no row never
 * turns the stream into dead letters. Until then refused rows wait (unfinished writes stay in
 * Flink's checkpoints); {@value #MAX_CONSECUTIVE_REFUSED_ROWS} refusals in a row with none written
 * in between fail the job with Cassandra's message instead. The writer must finish every write before a
 * checkpoint, so it releases held writes then ({@link #releaseHeld}): their rows become dead letters, and
 * the count of refusals goes on, so a table that takes no row still fails the job after that many.
 */
final class RefusedRowIsolation {

    static final int MAX_CONSECUTIVE_REFUSED_ROWS = 100;

    /** What one write did, counted once it is over (a retried attempt counts nothing). */
    record Outcome(int rowsWritten, int requestsWritten, List<DeadLetter> deadLetters) {}

    /** Told on the driver's threads; the sink's writer counts failures and wakes up for held writes. */
    interface Listener {
        /** A request failed (retried ones included). */
        void failedRequest(Throwable error);

        /** A write finished with refused rows only and is held: its future stays open until released. */
        default void held() {}
    }

    private record Held(CompletableFuture<Outcome> future, Outcome outcome) {}

    private final RowWriteExecutor executor;
    private final String keyspace;
    private final String table;
    private final Clock clock;
    private final Listener listener;

    // Guarded by this: written and refused rows arrive on the driver's threads.
    private boolean rowWritten;
    private long consecutiveRefused;
    private final List<Held> held = new ArrayList<>();

    RefusedRowIsolation(RowWriteExecutor executor, String keyspace, String table, Clock clock, Listener listener) {
        this.executor = executor;
        this.keyspace = keyspace;
        this.table = table;
        this.clock = clock;
        this.listener = listener;
    }

    /** Completes with what was written and the dead letters of the rows Cassandra refused (usually none). */
    CompletableFuture<Outcome> write(RowBatch batch) {
        return attempt(batch.rows(), batch.writeTimestampMicros()).thenCompose(error -> {
            if (error == null) {
                return settle(new Outcome(batch.size(), 1, List.of()), null);
            }
            WriteErrorKind kind = WriteErrors.classify(error);
            if (kind != WriteErrorKind.REJECTED_ROW) {
                return CompletableFuture.failedFuture(failure(kind, batch.size(), error));
            }
            if (batch.size() == 1) {
                return settle(new Outcome(0, 0, List.of(deadLetter(batch.rows().get(0), error))), error);
            }
            return rowByRow(batch);
        });
    }

    private CompletableFuture<Outcome> rowByRow(RowBatch batch) {
        List<CompletableFuture<DeadLetter>> outcomes = new ArrayList<>(batch.size());
        for (SourcedRow row : batch.rows()) {
            outcomes.add(attempt(List.of(row), batch.writeTimestampMicros()).thenCompose(error -> {
                if (error == null) {
                    return CompletableFuture.completedFuture(null);
                }
                WriteErrorKind kind = WriteErrors.classify(error);
                return kind == WriteErrorKind.REJECTED_ROW
                        ? CompletableFuture.completedFuture(deadLetter(row, error))
                        : CompletableFuture.failedFuture(failure(kind, 1, error));
            }));
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            List<DeadLetter> letters = new ArrayList<>();
            for (CompletableFuture<DeadLetter> outcome : outcomes) {
                DeadLetter letter = outcome.join();
                if (letter != null) {
                    letters.add(letter);
                }
            }
            int written = batch.size() - letters.size();
            return settle(new Outcome(written, written, letters), null);
        });
    }

    /**
     * Applies the guard to a finished write: passes it on, holds it until a row has been written,
     * or fails it (and every held one) when too many rows in a row were refused.
     */
    private CompletableFuture<Outcome> settle(Outcome outcome, Throwable lastRefusal) {
        List<Held> released = List.of();
        CompletableFuture<Outcome> result;
        FatalWriteException fatal = null;
        synchronized (this) {
            if (outcome.rowsWritten() > 0) {
                consecutiveRefused = 0;
            }
            consecutiveRefused += outcome.deadLetters().size();
            if (consecutiveRefused >= MAX_CONSECUTIVE_REFUSED_ROWS) {
                String last = outcome.deadLetters().isEmpty() ? String.valueOf(lastRefusal)
                        : outcome.deadLetters().get(outcome.deadLetters().size() - 1).message;
                fatal = new FatalWriteException(MAX_CONSECUTIVE_REFUSED_ROWS + " rows in a row were refused and "
                        + "none written, which is not bad data but a problem of the table or cluster (" + last
                        + "): check " + keyspace + "." + table + " against infra/cassandra's schema and the "
                        + "server's limits", lastRefusal);
                released = new ArrayList<>(held);
                held.clear();
                result = CompletableFuture.failedFuture(fatal);
            } else {
                if (outcome.rowsWritten() > 0 && !rowWritten) {
                    rowWritten = true;
                    released = new ArrayList<>(held);
                    held.clear();
                }
                if (rowWritten || outcome.deadLetters().isEmpty()) {
                    result = CompletableFuture.completedFuture(outcome);
                } else {
                    result = new CompletableFuture<>();
                    held.add(new Held(result, outcome));
                }
            }
        }
        if (!result.isDone()) {
            listener.held();
        }
        // Completed outside the lock: completing runs Flink's callbacks.
        for (Held wait : released) {
            if (fatal != null) {
                wait.future().completeExceptionally(fatal);
            } else {
                wait.future().complete(wait.outcome());
            }
        }
        return result;
    }

    /** Writes finished but held back by the guard (see the class comment). */
    synchronized int heldWrites() {
        return held.size();
    }

    /** Completes every held write with its dead letters (before a checkpoint: see the class comment). */
    void releaseHeld() {
        List<Held> released;
        synchronized (this) {
            released = new ArrayList<>(held);
            held.clear();
        }
        for (Held wait : released) {
            wait.future().complete(wait.outcome());
        }
    }

    /** The error of one request, or null when it was written. */
    private CompletableFuture<Throwable> attempt(List<SourcedRow> rows, long writeTimestampMicros) {
        List<UserEventCassandraModel> plain = new ArrayList<>(rows.size());
        for (SourcedRow row : rows) {
            plain.add(row.row());
        }
        CompletableFuture<Void> request;
        try {
            request = executor.execute(plain, writeTimestampMicros);
        } catch (RuntimeException e) {
            request = CompletableFuture.failedFuture(e);
        }
        return request.handle((ok, error) -> {
            if (error != null) {
                listener.failedRequest(error);
            }
            return error == null ? null : WriteErrors.unwrap(error);
        });
    }

    private DeadLetter deadLetter(SourcedRow row, Throwable error) {
        return DeadLetter.ofRefusedRow(row, "Cassandra refused the row: " + error.getMessage(), clock.millis());
    }

    private RuntimeException failure(WriteErrorKind kind, int rows, Throwable error) {
        return kind == WriteErrorKind.TRANSIENT
                ? new TransientWriteException(rows, error)
                : new FatalWriteException(WriteErrors.fixFor(error, keyspace, table), error);
    }
}
