package dev.eventpipeline.connectors.deadletter;

import dev.eventpipeline.connectors.kafka.RawEvent;
import dev.eventpipeline.connectors.types.SourcedRow;
import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.model.UserEvent;
import dev.eventpipeline.model.UserEventCassandraModel;
import dev.eventpipeline.model.json.UserEventJsonCodec;
import dev.eventpipeline.model.Rejection;
import java.util.Arrays;
import java.util.Objects;

/**
 * A payload that could not become a row: the original bytes, where they came from, and why. A
 * Flink POJO, so it needs no Kryo.
 */
public class DeadLetter {

    public byte[] key;
    public byte[] value;
    public String sourceTopic;
    public int sourcePartition;
    public long sourceOffset;
    public long sourceTimestamp;
    /** A {@link dev.eventpipeline.model.RejectReason} name. */
    public String reason;
    public String message;
    /** When the pipeline refused it, epoch milliseconds. */
    public long rejectedAt;
    /** The source record's replay provenance, copied unchanged; null when it was not a replay. */
    public ReplayProvenance replay;

    public DeadLetter() {}

    public static DeadLetter of(RawEvent raw, Rejection rejection, long rejectedAt) {
        DeadLetter letter = new DeadLetter();
        letter.key = raw.key;
        letter.value = raw.value;
        letter.sourceTopic = raw.topic;
        letter.sourcePartition = raw.partition;
        letter.sourceOffset = raw.offset;
        letter.sourceTimestamp = raw.timestamp;
        letter.reason = rejection.reason().name();
        letter.message = rejection.message();
        letter.rejectedAt = rejectedAt;
        letter.replay = raw.replay;
        return letter;
    }

    /**
     * A row that Cassandra refused although it passed validation: the event as canonical JSON (the
     * row holds every field of the event, so replaying this value yields the same row), its source
     * record's key and coordinates, and Cassandra's message.
     */
    public static DeadLetter ofRefusedRow(SourcedRow sourced, String message, long rejectedAt) {
        UserEventCassandraModel row = sourced.row();
        UserEvent event = UserEvent.builder()
                .userId(row.userId())
                .eventType(row.eventType())
                .eventTime(row.eventTime())
                .eventId(row.eventId())
                .metadata(row.metadata())
                .build();
        DeadLetter letter = new DeadLetter();
        letter.key = sourced.key();
        letter.value = UserEventJsonCodec.create().encode(event);
        letter.sourceTopic = sourced.topic();
        letter.sourcePartition = sourced.partition();
        letter.sourceOffset = sourced.offset();
        letter.sourceTimestamp = sourced.timestamp();
        letter.reason = RejectReason.WRITE_REJECTED.name();
        letter.message = message;
        letter.rejectedAt = rejectedAt;
        letter.replay = sourced.replay();
        return letter;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeadLetter that
                && Arrays.equals(key, that.key)
                && Arrays.equals(value, that.value)
                && Objects.equals(sourceTopic, that.sourceTopic)
                && sourcePartition == that.sourcePartition
                && sourceOffset == that.sourceOffset
                && sourceTimestamp == that.sourceTimestamp
                && Objects.equals(reason, that.reason)
                && Objects.equals(message, that.message)
                && rejectedAt == that.rejectedAt
                && Objects.equals(replay, that.replay);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourceTopic, sourcePartition, sourceOffset);
    }

    @Override
    public String toString() {
        return sourceTopic + "-" + sourcePartition + "@" + sourceOffset + " " + reason + ": " + message;
    }
}
