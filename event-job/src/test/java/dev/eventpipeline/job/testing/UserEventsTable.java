package dev.eventpipeline.job.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reads rows of {@code event_streaming.user_events} (or a table like it) back as the model, partition by partition. */
public final class UserEventsTable {

    private final CqlSession session;
    private final PreparedStatement selectPartition;

    public UserEventsTable(CqlSession session) {
        this(session, "user_events");
    }

    /** The same reads of another table of {@code event_streaming} with these columns (e.g. user_events_by_event_id). */
    public UserEventsTable(CqlSession session, String table) {
        this.session = session;
        this.selectPartition = session.prepare("SELECT user_id, bucket_date, event_time, event_type, event_id, "
                + "metadata FROM event_streaming." + table + " WHERE user_id = ? AND bucket_date = ?");
    }

    /** Every row stored in the partitions of the given rows (so other tests' rows do not count). */
    public List<UserEventCassandraModel> rowsInPartitionsOf(Collection<UserEventCassandraModel> expected) {
        Set<Map.Entry<UUID, LocalDate>> partitions = new LinkedHashSet<>();
        expected.forEach(row -> partitions.add(Map.entry(row.userId(), row.bucketDate())));
        List<UserEventCassandraModel> rows = new ArrayList<>();
        for (Map.Entry<UUID, LocalDate> partition : partitions) {
            for (Row row : session.execute(selectPartition.bind(partition.getKey(), partition.getValue()))) {
                rows.add(toModel(row));
            }
        }
        return rows;
    }

    static UserEventCassandraModel toModel(Row row) {
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
