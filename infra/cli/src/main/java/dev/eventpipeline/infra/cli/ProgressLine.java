package dev.eventpipeline.infra.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** One line, rewritten in place on a terminal, showing which of several tasks are still running. */
final class ProgressLine {

    private static final long REFRESH_MILLIS = 250;
    /** Without a terminal (CI logs), print a plain line now and then instead of rewriting one. */
    private static final long PLAIN_EVERY_MILLIS = 10_000;

    private ProgressLine() {}

    /** Blocks until every task has finished (successfully or not), showing "starting…" or "ready" for each. */
    static void await(PrintWriter out, Map<String, CompletableFuture<?>> tasks) {
        await(out, tasks, "starting…", "ready");
    }

    /** As {@link #await(PrintWriter, Map)}, with the words for a running and a finished task. */
    static void await(PrintWriter out, Map<String, CompletableFuture<?>> tasks, String running, String done) {
        boolean terminal = System.console() != null;
        long start = System.nanoTime();
        long lastPlain = 0;
        CompletableFuture<Void> all = CompletableFuture.allOf(tasks.values().toArray(CompletableFuture[]::new));
        while (true) {
            try {
                all.get(REFRESH_MILLIS, TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException stillRunning) {
                long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                String line = "  " + describe(tasks, running, done) + String.format("  (%.1f s)", elapsedMillis / 1000.0);
                if (terminal) {
                    out.print("\r" + line + "   ");
                    out.flush();
                } else if (elapsedMillis - lastPlain >= PLAIN_EVERY_MILLIS) {
                    lastPlain = elapsedMillis;
                    out.println(line);
                    out.flush();
                }
            } catch (ExecutionException failed) {
                break; // each caller looks at its own future's outcome
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (terminal) {
            out.print("\r" + " ".repeat(100) + "\r");
            out.flush();
        }
    }

    private static String describe(Map<String, CompletableFuture<?>> tasks, String running, String done) {
        return tasks.entrySet().stream()
                .map(task -> task.getKey() + ": " + (!task.getValue().isDone() ? running
                        : task.getValue().isCompletedExceptionally() ? "FAILED" : done))
                .collect(Collectors.joining("   "));
    }
}
