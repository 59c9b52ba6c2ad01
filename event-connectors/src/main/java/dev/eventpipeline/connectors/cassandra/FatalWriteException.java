package dev.eventpipeline.connectors.cassandra;

/** A write error that every row would get: fails the job at once with what to fix, and dead-letters nothing. */
public final class FatalWriteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FatalWriteException(String fix, Throwable cause) {
        super("Cassandra refuses every write: " + fix + " (" + cause + ")", cause);
    }
}
