package dev.eventpipeline.job.testing;

import dev.eventpipeline.connectors.kafka.RawEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;

/** Bounded sources of raw records in place of Kafka, for running the pipeline without a broker. */
public final class RawEventSources {

    /** The topic every record claims to come from; all sit in partition 0. */
    public static final String TOPIC = "test-events";

    private RawEventSources() {}

    /**
     * The given (key, value) pairs as records of {@link #TOPIC} partition 0 at offsets 0, 1, 2, … in
     * list order, each with the record timestamp {@code timestamp}. A key may be null, as in Kafka.
     */
    public static Source<RawEvent, ?, ?> of(List<Map.Entry<byte[], byte[]>> records, long timestamp) {
        // Plain lists of byte arrays travel with the job graph; RawEvent itself is not Serializable.
        ArrayList<byte[]> keys = new ArrayList<>();
        ArrayList<byte[]> values = new ArrayList<>();
        records.forEach(record -> {
            keys.add(record.getKey());
            values.add(record.getValue());
        });
        return new DataGeneratorSource<>(
                offset -> new RawEvent(keys.get(Math.toIntExact(offset)), values.get(Math.toIntExact(offset)),
                        TOPIC, 0, offset, timestamp),
                records.size(), TypeInformation.of(RawEvent.class));
    }
}
