package dev.eventpipeline.connectors.cassandra;

import dev.eventpipeline.connectors.deadletter.DeadLetter;
import dev.eventpipeline.connectors.types.SourcedRow;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes one partition's rows and decides what each failure means ({@link WriteErrors}): a batch
 * that Cassandra refuses for its data is tried again row by row, so one bad row cannot hold back
 * the others; each row refused alone becomes a {@code WRITE_REJECTED} dead letter and the rest is
 * written. Transient errors fail the write with {@link TransientWriteException} (the retry
 * strategy retries the whole batch: upserts are idempotent), fatal ones with
 * {@link FatalWriteException}.
 *
 * <p>A guard against a schema problem that {@link WriteErrors} cannot tell from bad data: if
 * {@value #MAX_CONSECUTIVE_REFUSED_ROWS} rows in a row are refused with none written in between,
 * the writer stops treating refusals as data and fails the job, so a broken table never turns the
 * whole stream into dead letters.
 */
final class RefusedRowIsolation {

    static final int MAX_CONSECUTIVE_REFUSED_ROWS = 100;

    /**
     * What the writer reports as it happens; the Flink function turns these into metrics. Refused
     * rows are counted from the dead letters of a completed write instead, so a batch retried
     * after a transient error does not count its refusals twice.
     */
    interface Listener {
        void written(int rows);

        void failedRequest(Throwable error);
    }

    private final RowWriteExecutor executor;
    private final String keyspace;
    private final String table;
    private final Clock clock;
    private final Listener listener;
    private final AtomicLong consecutiveRefused = new AtomicLong();

    RefusedRowIsolation(RowWriteExecutor executor, String keyspace, String table, Clock clock, Listener listener) {
        this.executor = executor;
        this.keyspace = keyspace;
        this.table = table;
        this.clock = clock;
        this.listener = listener;
    }

    /** Completes with the dead letters of the rows Cassandra refused (usually none). */
    CompletableFuture<List<DeadLetter>> write(List<SourcedRow> batch) {
        return attempt(batch).thenCompose(error -> {
            if (error == null) {
                written(batch.size());
                return CompletableFuture.completedFuture(List.of());
            }
            WriteErrorKind kind = WriteErrors.classify(error);
            if (kind != WriteErrorKind.REJECTED_ROW) {
                return CompletableFuture.failedFuture(failure(kind, batch.size(), error));
            }
            if (batch.size() == 1) {
                return refused(batch.get(0), error).thenApply(List::of);
            }
            return rowByRow(batch);
        });
    }

    private CompletableFuture<List<DeadLetter>> rowByRow(List<SourcedRow> batch) {
        List<CompletableFuture<DeadLetter>> outcomes = new ArrayList<>(batch.size());
        for (SourcedRow row : batch) {
            outcomes.add(attempt(List.of(row)).thenCompose(error -> {
                if (error == null) {
                    written(1);
                    return CompletableFuture.completedFuture(null);
                }
                WriteErrorKind kind = WriteErrors.classify(error);
                return kind == WriteErrorKind.REJECTED_ROW
                        ? refused(row, error)
                        : CompletableFuture.failedFuture(failure(kind, 1, error));
            }));
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<DeadLetter> letters = new ArrayList<>();
            for (CompletableFuture<DeadLetter> outcome : outcomes) {
                DeadLetter letter = outcome.join();
                if (letter != null) {
                    letters.add(letter);
                }
            }
            return letters;
        });
    }

    /** The error of one request, or null when it was written. */
    private CompletableFuture<Throwable> attempt(List<SourcedRow> rows) {
        List<UserEventCassandraModel> plain = new ArrayList<>(rows.size());
        for (SourcedRow row : rows) {
            plain.add(row.row());
        }
        CompletableFuture<Void> request;
        try {
            request = executor.execute(plain);
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

    private void written(int rows) {
        consecutiveRefused.set(0);
        listener.written(rows);
    }

    private CompletableFuture<DeadLetter> refused(SourcedRow row, Throwable error) {
        if (consecutiveRefused.incrementAndGet() >= MAX_CONSECUTIVE_REFUSED_ROWS) {
            return CompletableFuture.failedFuture(new FatalWriteException(MAX_CONSECUTIVE_REFUSED_ROWS
                    + " rows in a row were refused and none written, which is not bad data but a problem of "
                    + "the table or cluster; the last refusal says: " + error.getMessage()
                    + "; check " + keyspace + "." + table + " against infra/cassandra's schema and the "
                    + "server's limits", error));
        }
        return CompletableFuture.completedFuture(
                DeadLetter.ofRefusedRow(row, "Cassandra refused the row: " + error.getMessage(), clock.millis()));
    }

    private RuntimeException failure(WriteErrorKind kind, int rows, Throwable error) {
        return kind == WriteErrorKind.TRANSIENT
                ? new TransientWriteException(rows, error)
                : new FatalWriteException(WriteErrors.fixFor(error, keyspace, table), error);
    }
}
