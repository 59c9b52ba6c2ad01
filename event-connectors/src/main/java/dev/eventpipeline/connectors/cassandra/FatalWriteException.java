package dev.eventpipeline.connectors.cassandra;

import org.apache.flink.runtime.throwable.ThrowableAnnotation;
import org.apache.flink.runtime.throwable.ThrowableType;
import org.apache.flink.util.SerializedThrowable;

/**
 * A write error that every row would get: fails the job at once with what to fix, and dead-letters
 * nothing. Marked non-recoverable, so Flink's restart strategy does not restart the job into the
 * same error again and again: the job ends FAILED with this message until someone fixes the cause.
 */
@ThrowableAnnotation(ThrowableType.NonRecoverableError)
public final class FatalWriteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * The driver's exception is kept as a {@link SerializedThrowable} (its class name, message and stack
     * trace): the driver's own exceptions hold its non-serializable node, and a task's failure
     * reaches the JobManager serialized. With the driver's exception inside, that failed, Flink saw only
     * an anonymous copy without this class's annotation, and restarted the job into the error forever.
     */
    public FatalWriteException(String fix, Throwable cause) {
        this("Cassandra refuses every write: " + fix + " (" + cause + ")", cause, true);
    }

    private FatalWriteException(String message, Throwable cause, boolean serialized) {
        super(message, new SerializedThrowable(cause));
    }

    /** A write error that stops the job for another reason than every write failing: {@code message} says which. */
    public static FatalWriteException stopping(String message, Throwable cause) {
        return new FatalWriteException(message + " (" + cause + ")", cause, true);
    }
}
