package dev.eventpipeline.connectors.cassandra;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries transient write errors with exponential backoff and "equal jitter": attempt n waits a
 * random time between half and all of {@code min(max, initial * 2^(n-1))}, so that many subtasks
 * hit by one overloaded node do not retry in step. Bounded by {@code maxRetries}; after that the
 * error fails the job, which replays from its last checkpoint. Only {@link TransientWriteException}
 * is retried: a fatal error fails at once, and refused rows never come here (they are dead letters).
 */
public final class WriteRetryStrategy implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A number in [0, 1); injectable so tests see the exact delays. */
    @FunctionalInterface
    public interface Jitter extends Serializable {
        double next();
    }

    private final int maxRetries;
    private final long initialMillis;
    private final long maxMillis;
    private final Jitter jitter;

    public WriteRetryStrategy(int maxRetries, Duration initialBackoff, Duration maxBackoff, Jitter jitter) {
        if (maxRetries < 0 || initialBackoff.isNegative() || initialBackoff.isZero()
                || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need maxRetries >= 0 and 0 < initialBackoff <= maxBackoff: "
                    + maxRetries + ", " + initialBackoff + ", " + maxBackoff);
        }
        this.maxRetries = maxRetries;
        this.initialMillis = initialBackoff.toMillis();
        this.maxMillis = maxBackoff.toMillis();
        this.jitter = jitter;
    }

    public static WriteRetryStrategy of(CassandraSinkSettings settings) {
        return new WriteRetryStrategy(settings.maxRetries(), settings.retryInitialBackoff(),
                settings.retryMaxBackoff(), () -> ThreadLocalRandom.current().nextDouble());
    }

    public int maxRetries() {
        return maxRetries;
    }

    /** The first attempt is 1: attempts 1..maxRetries may be followed by another. */
    public boolean canRetry(int currentAttempts) {
        return currentAttempts <= maxRetries;
    }

    /** How long to wait after failed attempt {@code currentAttempts} before the next. */
    public long backoffMillis(int currentAttempts) {
        long ceiling = ceilingMillis(currentAttempts);
        return ceiling / 2 + (long) (jitter.next() * (ceiling - ceiling / 2));
    }

    /** The longest wait after attempt {@code n}, without jitter. */
    long ceilingMillis(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        return Math.min(maxMillis, initialMillis << doublings);
    }

    /** The longest the retries of one write can wait in all. */
    public long maxTotalBackoffMillis() {
        long total = 0;
        for (int attempt = 1; attempt <= maxRetries; attempt++) {
            total += ceilingMillis(attempt);
        }
        return total;
    }
}
