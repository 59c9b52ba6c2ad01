package dev.eventpipeline.infra.process;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/** Polls a condition until it holds or a deadline passes; the only way this code waits for something. */
public final class Wait {

    /** A check that may fail with an exception, which counts as "not yet". */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** Thrown by a condition to stop waiting at once, e.g. when the awaited process has died. */
    public static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Abort(String message) {
            super(message);
        }
    }

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private Wait() {}

    /**
     * Returns once {@code condition} holds; throws {@link TimeoutException} naming {@code what}
     * when it has not held by {@code timeout}. An {@link Abort} from the condition propagates.
     */
    public static void until(String what, Duration timeout, Condition condition) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastFailure = null;
        while (true) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (Abort abort) {
                throw abort;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            } catch (Exception e) {
                lastFailure = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                TimeoutException timeoutException = new TimeoutException(
                        "Not " + what + " after " + timeout.toSeconds() + " s"
                                + (lastFailure == null ? "" : " (last check failed: " + lastFailure + ")"));
                if (lastFailure != null) {
                    timeoutException.initCause(lastFailure);
                }
                throw timeoutException;
            }
            LockSupport.parkNanos(Math.min(POLL_INTERVAL.toNanos(), Math.max(0, deadline - System.nanoTime())));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what);
            }
        }
    }
}
