package dev.eventpipeline.connectors.cassandra;

import dev.eventpipeline.connectors.deadletter.DeadLetter;
import java.util.Collection;
import org.apache.flink.api.connector.sink2.Committer;

/**
 * The Cassandra sink's committer: nothing to commit in Cassandra (its writes finished before the
 * checkpoint). Its part is to hold the dead letters in its state until the checkpoint completes and
 * then hand them on to the post-commit stage, which writes them to the dead-letter sink.
 */
final class DeadLetterHandOff implements Committer<DeadLetter> {

    @Override
    public void commit(Collection<CommitRequest<DeadLetter>> requests) {
        // Handed on downstream by Flink's committer operator once this returns.
    }

    @Override
    public void close() {}
}
