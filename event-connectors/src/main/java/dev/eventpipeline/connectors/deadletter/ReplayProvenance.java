package dev.eventpipeline.connectors.deadletter;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Where a replayed record comes from: how many times its event has been replayed and the coordinates of
 * the event's first record ({@link DeadLetterHeaders#REPLAY_ATTEMPT} and {@code dlq.replay.origin.*}).
 * The job reads it from a source record's headers and writes it, unchanged, on a dead letter made from
 * that record, so `pipeline dlq replay` can tell one event's dead letters apart from another's and stop
 * replaying it after a number of attempts. A Flink POJO; {@code null} stands for "not a replay".
 */
public class ReplayProvenance {

    /** Replays made so far, at least 1. */
    public int attempt;
    public String originTopic;
    public int originPartition;
    public long originOffset;

    public ReplayProvenance() {}

    public ReplayProvenance(int attempt, String originTopic, int originPartition, long originOffset) {
        this.attempt = attempt;
        this.originTopic = originTopic;
        this.originPartition = originPartition;
        this.originOffset = originOffset;
    }

    /**
     * The provenance the headers carry, or null when they carry none or anything malformed: a producer's
     * stray header must not fail the job, and such a record is treated as an original.
     */
    public static ReplayProvenance fromHeaders(Headers headers) {
        String attempt = last(headers, DeadLetterHeaders.REPLAY_ATTEMPT);
        String topic = last(headers, DeadLetterHeaders.REPLAY_ORIGIN_TOPIC);
        String partition = last(headers, DeadLetterHeaders.REPLAY_ORIGIN_PARTITION);
        String offset = last(headers, DeadLetterHeaders.REPLAY_ORIGIN_OFFSET);
        if (attempt == null || topic == null || topic.isEmpty() || partition == null || offset == null) {
            return null;
        }
        try {
            ReplayProvenance provenance = new ReplayProvenance(Integer.parseInt(attempt), topic,
                    Integer.parseInt(partition), Long.parseLong(offset));
            return provenance.attempt >= 1 && provenance.originPartition >= 0 && provenance.originOffset >= 0
                    ? provenance : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The four headers, for a replayed record or a dead letter made from one. */
    public List<Header> headers() {
        return List.of(
                header(DeadLetterHeaders.REPLAY_ATTEMPT, Integer.toString(attempt)),
                header(DeadLetterHeaders.REPLAY_ORIGIN_TOPIC, originTopic),
                header(DeadLetterHeaders.REPLAY_ORIGIN_PARTITION, Integer.toString(originPartition)),
                header(DeadLetterHeaders.REPLAY_ORIGIN_OFFSET, Long.toString(originOffset)));
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(UTF_8));
    }

    private static String last(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReplayProvenance that
                && attempt == that.attempt
                && Objects.equals(originTopic, that.originTopic)
                && originPartition == that.originPartition
                && originOffset == that.originOffset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(attempt, originTopic, originPartition, originOffset);
    }

    @Override
    public String toString() {
        return "replay " + attempt + " of " + originTopic + "-" + originPartition + "@" + originOffset;
    }
}
