package dev.eventpipeline.connectors.deadletter;

/** Header names on dead-letter records; the value is always the original payload. */
public final class DeadLetterHeaders {

    public static final String REASON = "dlq.reason";
    public static final String MESSAGE = "dlq.message";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    public static final String SOURCE_TIMESTAMP = "dlq.source.timestamp";
    public static final String REJECTED_AT = "dlq.rejected.at";
    /** Present only when the value had to be cut to fit the dead-letter topic: the original size. */
    public static final String ORIGINAL_BYTES = "dlq.original.bytes";

    // Replay provenance (ReplayProvenance). `pipeline dlq replay` puts these on each record it sends back to
    // the source topic; the job copies them, unchanged, onto a dead letter made from such a record. Without
    // them a record is an original: attempt 0, origin = its own dlq.source.* coordinates.

    /** How many times the event has been replayed: 1 on the first replay's record, n + 1 on a replay of a dead letter with n. */
    public static final String REPLAY_ATTEMPT = "dlq.replay.attempt";
    /** The topic, partition and offset of the event's first record, before any replay: its identity across replays. */
    public static final String REPLAY_ORIGIN_TOPIC = "dlq.replay.origin.topic";
    public static final String REPLAY_ORIGIN_PARTITION = "dlq.replay.origin.partition";
    public static final String REPLAY_ORIGIN_OFFSET = "dlq.replay.origin.offset";

    private DeadLetterHeaders() {}
}
