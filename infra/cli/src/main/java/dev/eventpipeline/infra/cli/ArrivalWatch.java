package dev.eventpipeline.infra.cli;

import dev.eventpipeline.infra.process.ServerProcess;
import java.time.Duration;
import java.util.Locale;

/**
 * Waits, with a status line, until every valid event sent is a row and every invalid one a dead letter,
 * or the timeout passes; fails with the job's log tail when the job exits meanwhile.
 */
final class ArrivalWatch {

    private final ServerProcess job;
    private final LocalJob local;
    private final Duration timeout;
    private final StatusLine status;

    ArrivalWatch(ServerProcess job, LocalJob local, Duration timeout, StatusLine status) {
        this.job = job;
        this.local = local;
        this.timeout = timeout;
        this.status = status;
    }

    Arrivals await(EventSender.Report sent, RowCounter rows, DeadLetterCounter deadLetters) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long written = 0;
        long deadLettered = 0;
        while (true) {
            if (!job.isAlive()) {
                status.clear();
                throw new IllegalStateException("the job exited while the events were on their way. Last "
                        + LocalJob.LOG_TAIL_LINES + " lines of " + local.logFile() + ":" + System.lineSeparator() + local.logTail());
            }
            long round = System.nanoTime();
            try {
                written = rows.count();
            } catch (RuntimeException readFailed) {
                // a timeout under load: count again next round
            }
            // Reading the dead-letter topic also paces the rounds (at most ~4 a second).
            deadLettered = deadLetters.poll(Duration.ofMillis(Math.max(50, 250 - (System.nanoTime() - round) / 1_000_000)));
            boolean complete = written >= rows.expectedRows() && deadLettered >= sent.invalidSent();
            status.update(String.format(Locale.ROOT, "written %,d / %,d rows, dead-lettered %,d / %,d  (%s)", written,
                    rows.expectedRows(), deadLettered, sent.invalidSent(), StatusLine.seconds(start)));
            if (complete || System.nanoTime() - deadline > 0) {
                status.clear();
                // The rows and dead letters could only arrive after the first event was sent.
                Duration sinceFirstSend = sent.elapsed().plusNanos(System.nanoTime() - start);
                return new Arrivals(written, deadLettered, deadLetters.byReason(), deadLetters.wrongReason(),
                        deadLetters.validDeadLettered(), sinceFirstSend, complete);
            }
        }
    }
}
