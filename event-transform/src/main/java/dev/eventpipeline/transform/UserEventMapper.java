package dev.eventpipeline.transform;

import dev.eventpipeline.model.ImmutableUserEventCassandraModel;
import dev.eventpipeline.model.UserEvent;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Maps an event to its {@code user_events} row. */
public final class UserEventMapper {

    private UserEventMapper() {}

    /**
     * The row for {@code event}: {@code event_time} truncated to milliseconds (what a Cassandra
     * TIMESTAMP holds, so the clustering key is the stored value) and bucketed by its UTC date.
     */
    public static UserEventCassandraModel toRow(UserEvent event) {
        Instant eventTime = event.eventTime().truncatedTo(ChronoUnit.MILLIS);
        return ImmutableUserEventCassandraModel.of(event.userId(), BucketDates.bucketDateOf(eventTime), eventTime,
                event.eventType(), event.eventId(), event.metadata());
    }
}
