package dev.eventpipeline.connectors.cassandra;

import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.ConsistencyLevel;
import com.datastax.driver.core.Statement;
import com.datastax.driver.core.WriteType;
import com.datastax.driver.core.exceptions.DriverException;
import com.datastax.driver.core.policies.RetryPolicy;

/**
 * Retries every transient failure of our writes (timeouts, unavailable, overloaded, broken
 * connections) up to a bound. Safe because every statement the sink sends is an idempotent
 * upsert. When the bound is reached the error reaches the sink, which fails the job so that Flink
 * restarts it from the last checkpoint: nothing is dropped.
 */
final class BoundedRetryPolicy implements RetryPolicy {

    private final int maxRetries;

    BoundedRetryPolicy(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    @Override
    public RetryDecision onReadTimeout(Statement statement, ConsistencyLevel cl, int requiredResponses,
            int receivedResponses, boolean dataRetrieved, int nbRetry) {
        return nbRetry < maxRetries ? RetryDecision.retry(cl) : RetryDecision.rethrow();
    }

    @Override
    public RetryDecision onWriteTimeout(Statement statement, ConsistencyLevel cl, WriteType writeType,
            int requiredAcks, int receivedAcks, int nbRetry) {
        return nbRetry < maxRetries ? RetryDecision.retry(cl) : RetryDecision.rethrow();
    }

    @Override
    public RetryDecision onUnavailable(Statement statement, ConsistencyLevel cl, int requiredReplica,
            int aliveReplica, int nbRetry) {
        return nbRetry < maxRetries ? RetryDecision.tryNextHost(cl) : RetryDecision.rethrow();
    }

    @Override
    public RetryDecision onRequestError(Statement statement, ConsistencyLevel cl, DriverException e, int nbRetry) {
        return nbRetry < maxRetries ? RetryDecision.tryNextHost(cl) : RetryDecision.rethrow();
    }

    @Override
    public void init(Cluster cluster) {}

    @Override
    public void close() {}
}
