package dev.eventpipeline.job.preflight;

import java.util.Optional;

/** Sizes the job is configured for against the limits of the servers that must take them. */
final class SizeLimitChecks {

    private SizeLimitChecks() {}

    /**
     * A dead letter of up to dlq.max-record-bytes must fit the topic's max.message.bytes; a larger one
     * is refused by the broker, fails the job, and fails it again on every replay.
     */
    static Optional<String> deadLetters(String topic, int maxRecordBytes, long maxMessageBytes) {
        if (maxRecordBytes <= maxMessageBytes) {
            return Optional.empty();
        }
        return Optional.of("dlq.max-record-bytes=" + maxRecordBytes + " exceeds max.message.bytes=" + maxMessageBytes
                + " of topic " + topic + ": lower it or raise the topic's max.message.bytes");
    }

    /**
     * A row of up to validation.max-row-bytes must fit the node's largest mutation with room to
     * spare: the row size counts values, not Cassandra's per-cell overhead, so at most half of it
     * (as the option's own 8 MiB maximum is half of the default 16 MiB).
     */
    static Optional<String> rows(int maxRowBytes, long maxMutationBytes) {
        if (maxRowBytes <= maxMutationBytes / 2) {
            return Optional.empty();
        }
        return Optional.of("validation.max-row-bytes=" + maxRowBytes + " exceeds half of Cassandra's largest mutation, "
                + maxMutationBytes + " bytes (max_mutation_size, by default half of commitlog_segment_size): lower "
                + "validation.max-row-bytes to at most " + maxMutationBytes / 2 + " or raise max_mutation_size in "
                + "cassandra.yaml");
    }

    /**
     * A one-partition batch is one mutation: with cassandra.batch.max-bytes over the node's limit
     * every full batch would be refused and written again row by row, at a fraction of the speed.
     */
    static Optional<String> batches(long maxBatchBytes, long maxMutationBytes) {
        if (maxBatchBytes <= maxMutationBytes / 2) {
            return Optional.empty();
        }
        return Optional.of("cassandra.batch.max-bytes=" + maxBatchBytes + " exceeds half of Cassandra's largest "
                + "mutation, " + maxMutationBytes + " bytes (max_mutation_size): lower cassandra.batch.max-bytes to at "
                + "most " + maxMutationBytes / 2 + " or raise max_mutation_size in cassandra.yaml");
    }
}
