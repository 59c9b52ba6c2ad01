package dev.eventpipeline.connectors.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.context.DriverContext;
import com.datastax.oss.driver.api.core.retry.RetryDecision;
import com.datastax.oss.driver.api.core.retry.RetryPolicy;
import com.datastax.oss.driver.api.core.retry.RetryVerdict;
import com.datastax.oss.driver.api.core.servererrors.CoordinatorException;
import com.datastax.oss.driver.api.core.servererrors.WriteType;
import com.datastax.oss.driver.api.core.session.Request;

/**
 * The driver never retries on its own: every error reaches the writer, whose retries are bounded
 * and back off ({@link WriteRetryStrategy}), and whose error classes decide what an error means.
 * Named in the driver's configuration, so it has the constructor the driver calls.
 */
public final class RethrowRetryPolicy implements RetryPolicy {

    public RethrowRetryPolicy(DriverContext context, String profileName) {}

    @Override
    public RetryVerdict onReadTimeoutVerdict(Request request, ConsistencyLevel cl, int blockFor, int received,
            boolean dataPresent, int retryCount) {
        return RetryVerdict.RETHROW;
    }

    @Override
    public RetryVerdict onWriteTimeoutVerdict(Request request, ConsistencyLevel cl, WriteType writeType,
            int blockFor, int received, int retryCount) {
        return RetryVerdict.RETHROW;
    }

    @Override
    public RetryVerdict onUnavailableVerdict(Request request, ConsistencyLevel cl, int required, int alive,
            int retryCount) {
        return RetryVerdict.RETHROW;
    }

    @Override
    public RetryVerdict onRequestAbortedVerdict(Request request, Throwable error, int retryCount) {
        return RetryVerdict.RETHROW;
    }

    @Override
    public RetryVerdict onErrorResponseVerdict(Request request, CoordinatorException error, int retryCount) {
        return RetryVerdict.RETHROW;
    }

    // Deprecated in the interface, still abstract there: the verdict methods above are what the driver calls.
    @Override
    @Deprecated
    public RetryDecision onReadTimeout(Request request, ConsistencyLevel cl, int blockFor, int received,
            boolean dataPresent, int retryCount) {
        return RetryDecision.RETHROW;
    }

    @Override
    @Deprecated
    public RetryDecision onWriteTimeout(Request request, ConsistencyLevel cl, WriteType writeType, int blockFor,
            int received, int retryCount) {
        return RetryDecision.RETHROW;
    }

    @Override
    @Deprecated
    public RetryDecision onUnavailable(Request request, ConsistencyLevel cl, int required, int alive, int retryCount) {
        return RetryDecision.RETHROW;
    }

    @Override
    @Deprecated
    public RetryDecision onRequestAborted(Request request, Throwable error, int retryCount) {
        return RetryDecision.RETHROW;
    }

    @Override
    @Deprecated
    public RetryDecision onErrorResponse(Request request, CoordinatorException error, int retryCount) {
        return RetryDecision.RETHROW;
    }

    @Override
    public void close() {}
}
