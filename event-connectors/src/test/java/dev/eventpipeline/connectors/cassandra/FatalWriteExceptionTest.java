package dev.eventpipeline.connectors.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.driver.core.EndPoint;
import com.datastax.driver.core.exceptions.UnauthorizedException;
import java.net.InetSocketAddress;
import org.apache.flink.runtime.throwable.ThrowableClassifier;
import org.apache.flink.runtime.throwable.ThrowableType;
import org.apache.flink.util.SerializedThrowable;
import org.junit.jupiter.api.Test;

/**
 * A task's failure reaches the JobManager as a {@link SerializedThrowable}, which the JobManager turns
 * back into the exception to decide whether to restart: the fatal write error must survive that trip
 * whole, or Flink sees an anonymous error and restarts the job into it forever.
 */
class FatalWriteExceptionTest {

    /** A node as driver 3 names it; like the driver's own end points, not serializable. */
    private static final EndPoint NODE = new EndPoint() {
        @Override
        public InetSocketAddress resolve() {
            return new InetSocketAddress("127.0.0.1", 9042);
        }
    };

    @Test
    void aFatalWriteErrorStaysNonRecoverableAfterTheTripToTheJobManager() {
        Exception taskFailure = new Exception("Could not complete the stream element",
                new FatalWriteException("GRANT MODIFY", new UnauthorizedException(NODE, "User reader has no MODIFY permission")));

        Throwable atTheJobManager = new SerializedThrowable(taskFailure).deserializeError(getClass().getClassLoader());

        assertThat(ThrowableClassifier.findThrowableOfThrowableType(atTheJobManager, ThrowableType.NonRecoverableError))
                .get().isInstanceOf(FatalWriteException.class);
        assertThat(atTheJobManager.getCause().getMessage())
                .contains("GRANT MODIFY", "User reader has no MODIFY permission");
        assertThat(atTheJobManager.getCause().getCause().getMessage()).contains("User reader has no MODIFY permission");
    }
}
