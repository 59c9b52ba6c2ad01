package dev.eventpipeline.infra.bench.e2e;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The run's progress: one line per step, stamped with the UTC time of day. */
final class StepLog {

    private final PrintStream out;

    StepLog(PrintStream out) {
        this.out = out;
    }

    void step(String message) {
        out.println("[bench " + DateTimeFormatter.ISO_LOCAL_TIME.format(
                Instant.now().atOffset(ZoneOffset.UTC).toLocalTime().withNano(0)) + "] " + message);
    }

    /** A line as it is, e.g. the report. */
    void println(String text) {
        out.println(text);
    }
}
