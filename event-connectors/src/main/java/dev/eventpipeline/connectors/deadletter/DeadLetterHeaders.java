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

    private DeadLetterHeaders() {}
}
