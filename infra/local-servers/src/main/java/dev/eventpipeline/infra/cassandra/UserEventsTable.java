package dev.eventpipeline.infra.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads {@code event_streaming.user_events} (or a table with its columns) through driver 4, for tests
 * and the benchmark: rows back as the model partition by partition, whether one row is there, every
 * row's write time, and the span of write times a run took. Reads at the session's consistency level
 * (driver 4: LOCAL_ONE) unless built with {@link #readingAt}.
 */
public final class UserEventsTable {

    /** Full scans and TRUNCATE on a loaded node take longer than a normal request. */
    private static final Duration LONG = Duration.ofSeconds(120);

    private final CqlSession session;
    private final String qualifiedTable;
    private final PreparedStatement selectPartition;
    /** Null: the session's default. */
    private final ConsistencyLevel consistency;

    /** {@link UserEventCassandraModel#KEYSPACE}.{@link UserEventCassandraModel#TABLE}. */
    public UserEventsTable(CqlSession session) {
        this(session, UserEventCassandraModel.TABLE);
    }

    /** Another table of {@link UserEventCassandraModel#KEYSPACE} with these columns (e.g. user_events_by_event_id). */
    public UserEventsTable(CqlSession session, String table) {
        this(session, UserEventCassandraModel.KEYSPACE, table);
    }

    public UserEventsTable(CqlSession session, String keyspace, String table) {
        this.session = session;
        this.qualifiedTable = keyspace + "." + table;
        this.selectPartition = session.prepare("SELECT user_id, bucket_date, event_time, event_type, event_id, "
                + "metadata FROM " + qualifiedTable + " WHERE user_id = ? AND bucket_date = ?");
        this.consistency = null;
    }

    private UserEventsTable(UserEventsTable table, ConsistencyLevel consistency) {
        this.session = table.session;
        this.qualifiedTable = table.qualifiedTable;
        this.selectPartition = table.selectPartition;
        this.consistency = consistency;
    }

    /**
     * The same table, every read at {@code consistency}: on a cluster e.g. QUORUM, so a row counts only once a
     * majority of its replicas has it, or ONE through a session whose only live node is the one to check.
     */
    public UserEventsTable readingAt(ConsistencyLevel consistency) {
        return new UserEventsTable(this, consistency);
    }

    private <S extends Statement<S>> S atConsistency(S statement) {
        return consistency == null ? statement : statement.setConsistencyLevel(consistency);
    }

    /** Every row stored in the partitions of the given rows (so other tests' rows do not count). */
    public List<UserEventCassandraModel> rowsInPartitionsOf(Collection<UserEventCassandraModel> expected) {
        Set<Map.Entry<UUID, LocalDate>> partitions = new LinkedHashSet<>();
        expected.forEach(row -> partitions.add(Map.entry(row.userId(), row.bucketDate())));
        List<UserEventCassandraModel> rows = new ArrayList<>();
        for (Map.Entry<UUID, LocalDate> partition : partitions) {
            for (Row row : session.execute(atConsistency(selectPartition.bind(partition.getKey(), partition.getValue())))) {
                rows.add(toModel(row));
            }
        }
        return rows;
    }

    /** Whether the row of this primary key is there. */
    public boolean exists(UUID userId, Instant eventTime, String eventType) {
        LocalDate bucket = LocalDate.ofInstant(eventTime, ZoneOffset.UTC);
        return session.execute(atConsistency(SimpleStatement.newInstance("SELECT event_id FROM " + qualifiedTable
                        + " WHERE user_id = ? AND bucket_date = ? AND event_time = ? AND event_type = ?",
                        userId, bucket, eventTime, eventType))).one() != null;
    }

    public void truncate() {
        session.execute(SimpleStatement.newInstance("TRUNCATE " + qualifiedTable).setTimeout(LONG));
    }

    /** Rows and their first and last write time (the driver's timestamp, microseconds). */
    public record Span(long rows, long firstWriteMicros, long lastWriteMicros) {
        public double rowsPerSecond() {
            return rows / Math.max(1e-6, seconds());
        }

        public double seconds() {
            return (lastWriteMicros - firstWriteMicros) / 1e6;
        }
    }

    /** The span of every row's write time. */
    public Span span() {
        return span(LocalDate.MIN);
    }

    /** The same, over the rows bucketed on or after {@code from} only. */
    public Span span(LocalDate from) {
        long rows = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Row row : scan("SELECT bucket_date, writetime(event_id) FROM " + qualifiedTable)) {
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
    public Map<UUID, Long> writeTimes() {
        Map<UUID, Long> out = new HashMap<>();
        for (Row row : scan("SELECT event_id, writetime(event_id) FROM " + qualifiedTable)) {
            out.put(row.getUuid(0), row.getLong(1));
        }
        return out;
    }

    private ResultSet scan(String cql) {
        return session.execute(atConsistency(SimpleStatement.newInstance(cql).setPageSize(5000).setTimeout(LONG)));
    }

    private static UserEventCassandraModel toModel(Row row) {
        return UserEventCassandraModel.builder()
                .userId(row.getUuid("user_id"))
                .bucketDate(row.getLocalDate("bucket_date"))
                .eventTime(row.getInstant("event_time"))
                .eventType(row.getString("event_type"))
                .eventId(row.getUuid("event_id"))
                .metadata(row.getMap("metadata", String.class, String.class))
                .build();
    }
}
