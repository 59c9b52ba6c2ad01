package dev.eventpipeline.connectors.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
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

    @Test
    void aFatalWriteErrorStaysNonRecoverableAfterTheTripToTheJobManager() {
        // The worst case: a driver exception whose node cannot be serialized (TestNode is not).
        UnauthorizedException driverError = new UnauthorizedException(TestNode.NODE1, "User reader has no MODIFY permission");
        assertThatThrownBy(() -> new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(driverError))
                .isInstanceOf(NotSerializableException.class);
        Exception taskFailure = new Exception("Could not complete the stream element", new FatalWriteException(
                "GRANT MODIFY", driverError));

        Throwable atTheJobManager = new SerializedThrowable(taskFailure).deserializeError(getClass().getClassLoader());

        assertThat(ThrowableClassifier.findThrowableOfThrowableType(atTheJobManager, ThrowableType.NonRecoverableError))
                .get().isInstanceOf(FatalWriteException.class);
        assertThat(atTheJobManager.getCause().getMessage())
                .contains("GRANT MODIFY", "User reader has no MODIFY permission");
        assertThat(atTheJobManager.getCause().getCause().getMessage()).contains("User reader has no MODIFY permission");
    }
}
