package dev.eventpipeline.connectors.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.driver.core.ConsistencyLevel;
import com.datastax.driver.core.EndPoint;
import com.datastax.driver.core.WriteType;
import com.datastax.driver.core.exceptions.AuthenticationException;
import com.datastax.driver.core.exceptions.BusyPoolException;
import com.datastax.driver.core.exceptions.CodecNotFoundException;
import com.datastax.driver.core.exceptions.InvalidConfigurationInQueryException;
import com.datastax.driver.core.exceptions.InvalidQueryException;
import com.datastax.driver.core.exceptions.NoHostAvailableException;
import com.datastax.driver.core.exceptions.OperationTimedOutException;
import com.datastax.driver.core.exceptions.OverloadedException;
import com.datastax.driver.core.exceptions.ServerError;
import com.datastax.driver.core.exceptions.SyntaxError;
import com.datastax.driver.core.exceptions.TransportException;
import com.datastax.driver.core.exceptions.UnauthorizedException;
import com.datastax.driver.core.exceptions.UnavailableException;
import com.datastax.driver.core.exceptions.WriteFailureException;
import com.datastax.driver.core.exceptions.WriteTimeoutException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class WriteErrorsTest {

    private static final EndPoint HOST = new EndPoint() {
        private final InetSocketAddress address = new InetSocketAddress("127.0.0.1", 9042);

        @Override
        public InetSocketAddress resolve() {
            return address;
        }
    };

    /** The driver's exceptions as Cassandra 5.0.9 and driver 3 raise them, with the server's own messages. */
    static Stream<Arguments> driverErrors() {
        return Stream.of(
                // transient: a retry may succeed
                Arguments.of(new WriteTimeoutException(HOST, ConsistencyLevel.LOCAL_QUORUM, WriteType.BATCH, 2, 1),
                        WriteErrorKind.TRANSIENT),
                Arguments.of(new WriteFailureException(HOST, ConsistencyLevel.LOCAL_QUORUM, WriteType.SIMPLE, 1, 2, 1,
                        Map.of()), WriteErrorKind.TRANSIENT),
                Arguments.of(new UnavailableException(HOST, ConsistencyLevel.LOCAL_QUORUM, 2, 1), WriteErrorKind.TRANSIENT),
                Arguments.of(new OverloadedException(HOST, "Queue full"), WriteErrorKind.TRANSIENT),
                Arguments.of(new OperationTimedOutException(HOST), WriteErrorKind.TRANSIENT),
                Arguments.of(new TransportException(HOST, "Connection has been closed"), WriteErrorKind.TRANSIENT),
                Arguments.of(new BusyPoolException(HOST, 256), WriteErrorKind.TRANSIENT),
                Arguments.of(new ServerError(HOST, "java.lang.RuntimeException"), WriteErrorKind.TRANSIENT),
                Arguments.of(new NoHostAvailableException(Map.of(HOST, new TransportException(HOST, "refused"))),
                        WriteErrorKind.TRANSIENT),
                // the data of this statement
                Arguments.of(new InvalidQueryException(HOST, "Key length of 70009 is longer than maximum of 65535"),
                        WriteErrorKind.REJECTED_ROW),
                Arguments.of(new InvalidQueryException(HOST, "Rejected an oversized mutation (17825792/16777216) for "
                        + "keyspace: event_streaming. Top keys are: user_events.(…)"), WriteErrorKind.REJECTED_ROW),
                // every row would fail
                Arguments.of(new InvalidQueryException(HOST, "unconfigured table user_events"), WriteErrorKind.FATAL),
                Arguments.of(new InvalidQueryException(HOST, "Keyspace event_streaming does not exist"),
                        WriteErrorKind.FATAL),
                Arguments.of(new InvalidQueryException(HOST, "Undefined column name metadata"), WriteErrorKind.FATAL),
                Arguments.of(new InvalidQueryException(HOST, "Request on table event_streaming.user_events with ttl of "
                        + "630720000 seconds exceeds maximum supported expiration date of 2038-01-19T03:14:06+00:00."),
                        WriteErrorKind.FATAL),
                Arguments.of(new InvalidConfigurationInQueryException(HOST, "no such table"), WriteErrorKind.FATAL),
                Arguments.of(new UnauthorizedException(HOST, "User writer has no MODIFY permission"), WriteErrorKind.FATAL),
                Arguments.of(new AuthenticationException(HOST, "Provided username and/or password are incorrect"),
                        WriteErrorKind.FATAL),
                Arguments.of(new NoHostAvailableException(Map.of(HOST, new AuthenticationException(HOST, "bad password"))),
                        WriteErrorKind.FATAL),
                Arguments.of(new SyntaxError(HOST, "line 1:0 no viable alternative"), WriteErrorKind.FATAL),
                Arguments.of(new CodecNotFoundException("no codec", null, null), WriteErrorKind.FATAL),
                Arguments.of(new NullPointerException(), WriteErrorKind.FATAL));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("driverErrors")
    void everyDriverErrorHasAKind(Throwable error, WriteErrorKind kind) {
        assertThat(WriteErrors.classify(error)).isEqualTo(kind);
        assertThat(WriteErrors.classify(new CompletionException(new ExecutionException(error)))).isEqualTo(kind);
    }

    @Test
    void aFatalErrorSaysWhatToFix() {
        assertThat(WriteErrors.fixFor(new UnauthorizedException(HOST, "no MODIFY"), "event_streaming", "user_events"))
                .contains("GRANT MODIFY ON TABLE event_streaming.user_events");
        assertThat(WriteErrors.fixFor(new AuthenticationException(HOST, "bad"), "ks", "t"))
                .contains("cassandra.username", "cassandra.password");
        assertThat(WriteErrors.fixFor(new InvalidQueryException(HOST, "unconfigured table user_events"), "ks", "t"))
                .contains("ks.t", "apply the schema", "cassandra.table");
        assertThat(WriteErrors.fixFor(new InvalidQueryException(HOST, "ttl exceeds maximum supported expiration date"),
                "ks", "t")).contains("cassandra.ttl");
    }
}
