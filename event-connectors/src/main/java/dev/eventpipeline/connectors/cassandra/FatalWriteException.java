package dev.eventpipeline.connectors.cassandra;

import org.apache.flink.runtime.throwable.ThrowableAnnotation;
import org.apache.flink.runtime.throwable.ThrowableType;

/**
 * A write error that every row would get: fails the job at once with what to fix, and dead-letters
 * nothing. Marked non-recoverable, so Flink's restart strategy does not restart the job into the
 * same error again and again: the job ends FAILED with this message until someone fixes the cause.
 */
@ThrowableAnnotation(ThrowableType.NonRecoverableError)
public final class FatalWriteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FatalWriteException(String fix, Throwable cause) {
        super("Cassandra refuses every write: " + fix + " (" + cause + ")", cause);
    }
}
