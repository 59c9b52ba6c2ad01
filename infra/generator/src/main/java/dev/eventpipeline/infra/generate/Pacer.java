package dev.eventpipeline.infra.generate;

import java.util.concurrent.locks.LockSupport;

/**
 * Paces a loop to a target rate: the n-th call to {@link #awaitTurn()} returns no earlier than
 * {@code start + n / rate}. The schedule is absolute, so a slow iteration is caught up by the next
 * ones instead of lowering the rate; a rate of 0 means as fast as possible.
 */
public final class Pacer {

    private final long intervalNanos;
    private long start;
    private long count;

    /** @param eventsPerSecond target rate; 0 for no pacing */
    public Pacer(double eventsPerSecond) {
        if (eventsPerSecond < 0 || Double.isNaN(eventsPerSecond) || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException("rate must be 0 (unpaced) or positive: " + eventsPerSecond);
        }
        this.intervalNanos = eventsPerSecond == 0 ? 0 : Math.max(1, Math.round(1e9 / eventsPerSecond));
    }

    /** Blocks until the next event is due. Returns early, with the interrupt flag set, if interrupted. */
    public void awaitTurn() {
        if (count == 0) {
            start = System.nanoTime();
        }
        long due = start + count * intervalNanos;
        count++;
        if (intervalNanos == 0) {
            return;
        }
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
