package dev.eventpipeline.infra.bench.baseline;

import com.datastax.driver.core.LocalDate;
import com.datastax.driver.mapping.annotations.ClusteringColumn;
import com.datastax.driver.mapping.annotations.Column;
import com.datastax.driver.mapping.annotations.PartitionKey;
import com.datastax.driver.mapping.annotations.Table;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * The seed's row: a POJO with DataStax driver-3 mapping annotations, written by the connector's
 * {@code CassandraPojoSink}. Its UUID, LocalDate and Map fields go through Kryo, as the seed's did.
 */
@Table(keyspace = UserEventCassandraModel.KEYSPACE, name = UserEventCassandraModel.TABLE)
public class SeedRow {

    @PartitionKey(0)
    @Column(name = "user_id")
    private UUID userId;

    @PartitionKey(1)
    @Column(name = "bucket_date")
    private LocalDate bucketDate;

    @ClusteringColumn(0)
    @Column(name = "event_time")
    private Date eventTime;

    @ClusteringColumn(1)
    @Column(name = "event_type")
    private String eventType;

    @Column(name = "event_id")
    private UUID eventId;

    @Column(name = "metadata")
    private Map<String, String> metadata;

    public SeedRow() {}

    public UUID getUserId() {
        return userId;
    }

    public void setUserId(UUID userId) {
        this.userId = userId;
    }

    public LocalDate getBucketDate() {
        return bucketDate;
    }

    public void setBucketDate(LocalDate bucketDate) {
        this.bucketDate = bucketDate;
    }

    public Date getEventTime() {
        return eventTime;
    }

    public void setEventTime(Date eventTime) {
        this.eventTime = eventTime;
    }

    public String getEventType() {
        return eventType;
    }

    public void setEventType(String eventType) {
        this.eventType = eventType;
    }

    public UUID getEventId() {
        return eventId;
    }

    public void setEventId(UUID eventId) {
        this.eventId = eventId;
    }

    public Map<String, String> getMetadata() {
        return metadata;
    }

    public void setMetadata(Map<String, String> metadata) {
        this.metadata = metadata;
    }
}
