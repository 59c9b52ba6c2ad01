package dev.eventpipeline.connectors.kafka;

import dev.eventpipeline.connectors.metrics.PipelineMetrics;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A {@link KafkaSource} whose readers also show each partition's lag ({@link PartitionLagReporter}). Everything
 * else is the Kafka source's own: splits, enumerator, checkpoints and the state they hold, so a savepoint of the
 * plain source restores into this one.
 */
public final class PartitionLagSource<T>
        implements Source<T, KafkaPartitionSplit, KafkaSourceEnumState>, ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    private final KafkaSource<T> kafka;
    private final String clientIdPrefix;

    /** @param clientIdPrefix the source's {@code client.id.prefix}, which names its readers' consumers */
    PartitionLagSource(KafkaSource<T> kafka, String clientIdPrefix) {
        this.kafka = kafka;
        this.clientIdPrefix = clientIdPrefix;
    }

    /** The {@code client.id} KafkaSource gives the consumer of reader {@code subtask}. */
    static String consumerClientId(String clientIdPrefix, int subtask) {
        return clientIdPrefix + "-" + subtask;
    }

    @Override
    public SourceReader<T, KafkaPartitionSplit> createReader(SourceReaderContext context) throws Exception {
        // Before the reader creates its consumer, which looks its group up by client.id.
        PartitionLagReporter.register(consumerClientId(clientIdPrefix, context.getIndexOfSubtask()),
                context.metricGroup().addGroup(PipelineMetrics.KAFKA_SOURCE_READER_GROUP));
        return kafka.createReader(context);
    }

    @Override
    public Boundedness getBoundedness() {
        return kafka.getBoundedness();
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> createEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> context) {
        return kafka.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restoreEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> context, KafkaSourceEnumState state) throws Exception {
        return kafka.restoreEnumerator(context, state);
    }

    @Override
    public SimpleVersionedSerializer<KafkaPartitionSplit> getSplitSerializer() {
        return kafka.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<KafkaSourceEnumState> getEnumeratorCheckpointSerializer() {
        return kafka.getEnumeratorCheckpointSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return kafka.getProducedType();
    }
}
