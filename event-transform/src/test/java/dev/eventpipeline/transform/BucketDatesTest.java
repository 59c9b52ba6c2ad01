package dev.eventpipeline.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BucketDatesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2025-11-25T23:59:59.999Z,        2025-11-25",
        "2025-11-26T00:00:00Z,            2025-11-26",
        "2025-11-25T23:59:59.999999999Z,  2025-11-25",
        "2024-02-29T00:00:00Z,            2024-02-29",
        "2024-02-29T23:59:59.999Z,        2024-02-29",
        "2024-03-01T00:00:00Z,            2024-03-01",
        "1970-01-01T00:00:00Z,            1970-01-01",
        "1969-12-31T23:59:59.999Z,        1969-12-31",
        "0001-01-01T00:00:00Z,            0001-01-01",
        "9999-12-31T23:59:59.999Z,        9999-12-31",
    })
    void bucketIsTheUtcDate(Instant eventTime, LocalDate expected) {
        assertThat(BucketDates.bucketDateOf(eventTime)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // Local dates that differ from the UTC date: the bucket follows UTC.
        "2025-11-26T09:30:00+14:00,  2025-11-25",
        "2025-11-26T10:00:00+14:00,  2025-11-25",
        "2025-11-26T14:00:00+14:00,  2025-11-26",
        "2025-11-25T12:00:00-12:00,  2025-11-26",
        "2025-11-25T11:59:59-12:00,  2025-11-25",
        "2024-03-01T05:00:00+14:00,  2024-02-29",
        "2024-02-28T13:00:00-12:00,  2024-02-29",
    })
    void offsetsThatCrossMidnightBucketByUtcDate(String local, LocalDate expected) {
        assertThat(BucketDates.bucketDateOf(OffsetDateTime.parse(local).toInstant())).isEqualTo(expected);
    }
}
