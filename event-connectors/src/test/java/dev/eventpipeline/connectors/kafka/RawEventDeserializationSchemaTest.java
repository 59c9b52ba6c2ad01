package dev.eventpipeline.connectors.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.connectors.deadletter.DeadLetterHeaders;
import dev.eventpipeline.connectors.deadletter.ReplayProvenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class RawEventDeserializationSchemaTest {

    @Test
    void aPlainRecordIsNoReplay() {
        RawEvent raw = deserialize(new RecordHeaders());

        assertThat(raw.replay).isNull();
        assertThat(raw).extracting(r -> r.topic, r -> r.partition, r -> r.offset).containsExactly("user-events", 1, 7L);
    }

    @Test
    void aReplayedRecordCarriesItsAttemptAndOriginalCoordinates() {
        RecordHeaders headers = new RecordHeaders();
        new ReplayProvenance(2, "user-events", 0, 41L).headers().forEach(headers::add);

        RawEvent raw = deserialize(headers);

        assertThat(raw.replay).isEqualTo(new ReplayProvenance(2, "user-events", 0, 41L));
        assertThat(raw.offset).as("its own coordinates stay its own").isEqualTo(7L);
    }

    @Test
    void malformedReplayHeadersAreIgnoredNotFatal() {
        for (String attempt : List.of("two", "0", "-1", "")) {
            RecordHeaders headers = new RecordHeaders();
            new ReplayProvenance(1, "user-events", 0, 41L).headers().forEach(headers::add);
            headers.add(new RecordHeader(DeadLetterHeaders.REPLAY_ATTEMPT, attempt.getBytes(UTF_8)));

            assertThat(deserialize(headers).replay).as(attempt).isNull();
        }
        RecordHeaders partial = new RecordHeaders();
        partial.add(new RecordHeader(DeadLetterHeaders.REPLAY_ATTEMPT, "1".getBytes(UTF_8)));
        assertThat(deserialize(partial).replay).as("no origin").isNull();
    }

    private static RawEvent deserialize(RecordHeaders headers) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("user-events", 1, 7L, 5L, TimestampType.CREATE_TIME,
                1, 2, "k".getBytes(UTF_8), "{}".getBytes(UTF_8), headers, Optional.empty());
        List<RawEvent> out = new ArrayList<>();
        new RawEventDeserializationSchema().deserialize(record, new Collector<>() {
            @Override
            public void collect(RawEvent event) {
                out.add(event);
            }

            @Override
            public void close() {}
        });
        assertThat(out).hasSize(1);
        return out.get(0);
    }
}
