package dev.eventpipeline.model;

/**
 * Why a payload could not become a row. One enum for the codec and the validation rules, so a
 * dead-letter record carries one stable code whatever stage refused it.
 */
public enum RejectReason {
    // Decoding (event-model).
    EMPTY_PAYLOAD,
    TOO_LARGE,
    INVALID_ENCODING,
    MALFORMED_JSON,
    NOT_AN_OBJECT,
    MISSING_FIELD,
    DUPLICATE_FIELD,
    INVALID_TYPE,
    INVALID_UUID,
    INVALID_TIMESTAMP,
    // Validation rules (event-transform).
    BLANK_EVENT_TYPE,
    EVENT_TYPE_TOO_LONG,
    TOO_MANY_METADATA_ENTRIES,
    METADATA_KEY_TOO_LONG,
    METADATA_VALUE_TOO_LONG,
    // The stored row (UTF-8 of event_type and of every metadata key and value, plus the fixed-size
    // columns) is over validation.max-row-bytes, which keeps it within Cassandra's mutation limit.
    ROW_TOO_LARGE,
    EVENT_TIME_IN_FUTURE,
    EVENT_TIME_TOO_OLD,
    // Writing (event-connectors): Cassandra refused this row although it passed validation, e.g. a
    // cluster whose limits are lower than the job's. The dead letter holds the event as JSON.
    WRITE_REJECTED
}
