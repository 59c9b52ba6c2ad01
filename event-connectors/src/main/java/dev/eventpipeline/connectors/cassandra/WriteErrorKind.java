package dev.eventpipeline.connectors.cassandra;

/** What a failed write means, and so what the writer does about it. */
public enum WriteErrorKind {
    /** Timeouts, unavailable replicas, overload, lost connections: retried with backoff, then the job fails and replays. */
    TRANSIENT,
    /** Cassandra refused these rows for what they hold: a refused batch is retried row by row, refused rows dead-lettered. */
    REJECTED_ROW,
    /** Every row would fail (missing table, wrong types, no permission, bad credentials): the job fails at once. */
    FATAL
}
