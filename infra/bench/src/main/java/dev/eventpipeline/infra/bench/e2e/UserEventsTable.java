package dev.eventpipeline.infra.bench.e2e;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** What the benchmark reads from {@code event_streaming.user_events}, through driver 4. */
final class UserEventsTable {

    private static final Duration LONG = Duration.ofSeconds(120);

    private final CqlSession session;

    UserEventsTable(CqlSession session) {
        this.session = session;
    }

    void truncate() {
        session.execute(SimpleStatement.newInstance("TRUNCATE event_streaming.user_events").setTimeout(LONG));
    }

    /** Rows and their first and last write time (the driver's timestamp, microseconds). */
    record Span(long rows, long firstWriteMicros, long lastWriteMicros) {
        double rowsPerSecond() {
            return rows / Math.max(1e-6, (lastWriteMicros - firstWriteMicros) / 1e6);
        }

        double seconds() {
            return (lastWriteMicros - firstWriteMicros) / 1e6;
        }
    }

    Span span() {
        return span(LocalDate.MIN);
    }

    /** The same, over the rows bucketed on or after {@code from} only. */
    Span span(LocalDate from) {
        long rows = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Row row : scan("SELECT bucket_date, writetime(event_id) FROM event_streaming.user_events")) {
            if (row.getLocalDate(0).isBefore(from)) {
                continue;
            }
            long writeTime = row.getLong(1);
            first = Math.min(first, writeTime);
            last = Math.max(last, writeTime);
            rows++;
        }
        return new Span(rows, first, last);
    }

    /** event_id → write time in microseconds, for every row. */
    Map<UUID, Long> writeTimes() {
        Map<UUID, Long> out = new HashMap<>();
        for (Row row : scan("SELECT event_id, writetime(event_id) FROM event_streaming.user_events")) {
            out.put(row.getUuid(0), row.getLong(1));
        }
        return out;
    }

    /** Whether the row of this primary key is there. */
    boolean exists(UUID userId, Instant eventTime, String eventType) {
        LocalDate bucket = LocalDate.ofInstant(eventTime, ZoneOffset.UTC);
        return session.execute(SimpleStatement.newInstance("SELECT event_id FROM event_streaming.user_events "
                        + "WHERE user_id = ? AND bucket_date = ? AND event_time = ? AND event_type = ?",
                        userId, bucket, eventTime, eventType)).one() != null;
    }

    private ResultSet scan(String cql) {
        return session.execute(SimpleStatement.newInstance(cql).setPageSize(5000).setTimeout(LONG));
    }
}
