package dev.eventpipeline.infra.cli;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;

/**
 * A live progress line: rewritten in place on a terminal; without one (CI logs, tests) printed as a
 * plain line at most every 10 seconds, so logs stay short.
 */
public final class StatusLine {

    private static final long PLAIN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final PrintWriter out;
    private final boolean terminal;
    private long lastPlain = System.nanoTime();
    private int lastLength;

    public StatusLine(PrintWriter out) {
        this(out, System.console() != null);
    }

    public StatusLine(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public synchronized void update(String text) {
        if (terminal) {
            out.print("\r  " + text + " ".repeat(Math.max(0, lastLength - text.length())));
            lastLength = text.length();
            out.flush();
        } else if (System.nanoTime() - lastPlain >= PLAIN_EVERY_NANOS) {
            lastPlain = System.nanoTime();
            out.println("  " + text);
            out.flush();
        }
    }

    /** Clears the line (on a terminal), so the next output starts on a clean line. */
    public synchronized void clear() {
        if (terminal && lastLength > 0) {
            out.print("\r" + " ".repeat(lastLength + 2) + "\r");
            out.flush();
            lastLength = 0;
        }
    }

    public static String seconds(long startNanos) {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
