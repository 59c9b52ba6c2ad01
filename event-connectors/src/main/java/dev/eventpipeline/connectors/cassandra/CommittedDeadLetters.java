package dev.eventpipeline.connectors.cassandra;

import dev.eventpipeline.connectors.deadletter.DeadLetter;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableWithLineage;
import org.apache.flink.util.Collector;

/** The dead letters among the committer's messages (the rest are its per-checkpoint summaries). */
final class CommittedDeadLetters implements FlatMapFunction<CommittableMessage<DeadLetter>, DeadLetter> {

    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(CommittableMessage<DeadLetter> message, Collector<DeadLetter> out) {
        if (message instanceof CommittableWithLineage<DeadLetter> letter) {
            out.collect(letter.getCommittable());
        }
    }
}
