package dev.eventpipeline.infra.cli;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

/** The UTC days a query reads, {@code first} to {@code last} inclusive: one Cassandra partition of a user each. */
record Days(LocalDate first, LocalDate last) {

    Days {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException(last + " is before " + first);
        }
    }

    long count() {
        return ChronoUnit.DAYS.between(first, last) + 1;
    }

    boolean isOneDay() {
        return first.equals(last);
    }

    /** The days from the last to the first: the newest events first, as the table orders them within a day. */
    List<LocalDate> newestFirst() {
        return Stream.iterate(last, day -> !day.isBefore(first), day -> day.minusDays(1)).toList();
    }

    /** "2025-11-25", or "2025-11-24 to 2025-11-25". */
    @Override
    public String toString() {
        return isOneDay() ? first.toString() : first + " to " + last;
    }
}
