package dev.eventpipeline.model.json;

import java.time.Instant;

/**
 * The event times the pipeline can store and print: years 0001 to 9999. Cassandra's DATE and
 * TIMESTAMP reach further, but ISO-8601 text, CQL literals and most tools stop at four-digit years.
 */
public final class EventTimeRange {

    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private EventTimeRange() {}

    public static boolean contains(Instant instant) {
        return !instant.isBefore(MIN) && !instant.isAfter(MAX);
    }

    public static boolean containsEpochMilli(long epochMilli) {
        return epochMilli >= MIN.toEpochMilli() && epochMilli <= MAX.toEpochMilli();
    }
}
