package dev.eventpipeline.connectors.cassandra;

/**
 * A write that may succeed if tried again (timeout, unavailable, overloaded, connection lost). The
 * retry strategy retries exactly these; when its attempts are used up, this fails the job, which
 * then replays from the last checkpoint.
 */
public final class TransientWriteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TransientWriteException(int rows, Throwable cause) {
        super("Cassandra write of " + rows + " row(s) failed with a transient error (retried with backoff "
                + "up to cassandra.max-retries; then the job restarts from its last checkpoint, losing nothing): "
                + cause, cause);
    }
}
