package dev.eventpipeline.connectors.cassandra;

/**
 * A smooth limit of rows per second for one writer, for a cluster shared with other work: each request
 * reserves its rows and is told how long to wait before it may go, so that over any stretch of time the
 * writer sends no more than the rate (a request's rows are never split). Plain logic on a given clock.
 */
public final class WriteRateLimit {

    private final double nanosPerRow;
    private long nextFreeNanos = Long.MIN_VALUE;

    public WriteRateLimit(double rowsPerSecond) {
        if (!(rowsPerSecond > 0) || Double.isInfinite(rowsPerSecond)) {
            throw new IllegalArgumentException("rows per second must be positive: " + rowsPerSecond);
        }
        this.nanosPerRow = 1e9 / rowsPerSecond;
    }

    /**
     * Reserves {@code rows} at {@code nowNanos}; returns how many nanoseconds the request must wait
     * before it is sent (0 when the writer has been under the rate).
     */
    public long reserve(int rows, long nowNanos) {
        // An idle writer earns no credit: the first request after a pause goes at once, the next wait their turn.
        long start = nextFreeNanos == Long.MIN_VALUE ? nowNanos : Math.max(nextFreeNanos, nowNanos);
        nextFreeNanos = start + (long) (rows * nanosPerRow);
        return start - nowNanos;
    }
}
