package dev.eventpipeline.transform;

import java.time.Instant;
import java.time.LocalDate;

/** The partition bucket of an event: the UTC calendar date of its event time. */
public final class BucketDates {

    private static final long SECONDS_PER_DAY = 86_400L;

    private BucketDates() {}

    public static LocalDate bucketDateOf(Instant eventTime) {
        return LocalDate.ofEpochDay(Math.floorDiv(eventTime.getEpochSecond(), SECONDS_PER_DAY));
    }
}
