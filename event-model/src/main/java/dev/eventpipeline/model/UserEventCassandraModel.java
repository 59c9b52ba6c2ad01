package dev.eventpipeline.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.immutables.value.Value;

/**
 * One row of {@code event_streaming.user_events}:
 *
 * <pre>
 * PRIMARY KEY ((user_id, bucket_date), event_time, event_type)
 * WITH CLUSTERING ORDER BY (event_time DESC, event_type ASC)
 * </pre>
 *
 * {@code bucket_date} is the UTC date of {@code event_time} and bounds a partition to one user's
 * day. {@code event_time} has millisecond precision, as a Cassandra TIMESTAMP does.
 */
@Value.Immutable
// of(...) (every attribute, in declaration order) copies the metadata map once, the builder twice (into
// itself, then into the value): the per-event path uses of (docs/benchmarks.md, the profile of 2026-12-07).
@Value.Style(allParameters = true)
@JsonSerialize(as = ImmutableUserEventCassandraModel.class)
@JsonDeserialize(as = ImmutableUserEventCassandraModel.class)
@JsonPropertyOrder({"user_id", "bucket_date", "event_time", "event_type", "event_id", "metadata"})
public abstract class UserEventCassandraModel {

    /**
     * The keyspace and the (seed layout's) table infra/cassandra/schema.cql creates: the one place for
     * these names (the job's defaults, the CLI's, the tests'); compile-time constants, so annotations can
     * use them. The event-id layout's table is {@link TableLayout#EVENT_ID}'s.
     */
    public static final String KEYSPACE = "event_streaming";
    public static final String TABLE = "user_events";

    @JsonProperty("user_id")
    public abstract UUID userId();

    @JsonProperty("bucket_date")
    public abstract LocalDate bucketDate();

    @JsonProperty("event_time")
    public abstract Instant eventTime();

    @JsonProperty("event_type")
    public abstract String eventType();

    @JsonProperty("event_id")
    public abstract UUID eventId();

    @JsonProperty("metadata")
    public abstract Map<String, String> metadata();

    @Value.Check
    protected void checkTimestampPrecision() {
        if (eventTime().getNano() % 1_000_000 != 0) {
            throw new IllegalStateException(
                    "event_time must have millisecond precision (Cassandra TIMESTAMP): " + eventTime());
        }
    }

    public static ImmutableUserEventCassandraModel.Builder builder() {
        return ImmutableUserEventCassandraModel.builder();
    }
}
