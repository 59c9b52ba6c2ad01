package dev.eventpipeline.connectors.cassandra;

import static dev.eventpipeline.connectors.cassandra.TestNode.NODE1;
import static dev.eventpipeline.connectors.cassandra.TestNode.NODE2;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultProtocolVersion;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.RequestThrottlingException;
import com.datastax.oss.driver.api.core.UnsupportedProtocolVersionException;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.connection.BusyConnectionException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.ConnectionInitException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.servererrors.AlreadyExistsException;
import com.datastax.oss.driver.api.core.servererrors.BootstrappingException;
import com.datastax.oss.driver.api.core.servererrors.InvalidConfigurationInQueryException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.ProtocolError;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.ServerError;
import com.datastax.oss.driver.api.core.servererrors.SyntaxError;
import com.datastax.oss.driver.api.core.servererrors.TruncateException;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteFailureException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteType;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.codec.CodecNotFoundException;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WriteErrorsTest {

    private static final ConsistencyLevel LOCAL_QUORUM = DefaultConsistencyLevel.LOCAL_QUORUM;
    private static final InetSocketAddress ADDRESS = new InetSocketAddress("127.0.0.1", 9042);

    private static AuthenticationException badPassword() {
        return new AuthenticationException(NODE1.getEndPoint(), "Provided username and/or password are incorrect");
    }

    private static ConnectionInitException connectionRefusing(Throwable cause) {
        return new ConnectionInitException("[s0|connecting...] Protocol initialization request, step 1 (STARTUP "
                + "{CQL_VERSION=3.0.0, DRIVER_NAME=Apache Cassandra Java Driver}): failed to send request", cause);
    }

    /** Driver 4's exceptions as Cassandra 5.0 and the driver raise them, with the server's own messages. */
    static Stream<Arguments> driverErrors() {
        return Stream.of(
                // transient: a retry may succeed
                Arguments.of(new WriteTimeoutException(NODE1, LOCAL_QUORUM, 1, 2, WriteType.BATCH), WriteErrorKind.TRANSIENT),
                Arguments.of(new WriteFailureException(NODE1, LOCAL_QUORUM, 1, 2, WriteType.SIMPLE, 1, Map.of()),
                        WriteErrorKind.TRANSIENT),
                Arguments.of(new ReadTimeoutException(NODE1, LOCAL_QUORUM, 1, 2, false), WriteErrorKind.TRANSIENT),
                Arguments.of(new UnavailableException(NODE1, LOCAL_QUORUM, 2, 1), WriteErrorKind.TRANSIENT),
                Arguments.of(new OverloadedException(NODE1, "Queue full"), WriteErrorKind.TRANSIENT),
                Arguments.of(new BootstrappingException(NODE1), WriteErrorKind.TRANSIENT),
                Arguments.of(new DriverTimeoutException("Query timed out after PT12S"), WriteErrorKind.TRANSIENT),
                Arguments.of(new ClosedConnectionException("Lost connection to remote peer"), WriteErrorKind.TRANSIENT),
                Arguments.of(new HeartbeatException(ADDRESS, "Heartbeat request: timeout", null), WriteErrorKind.TRANSIENT),
                Arguments.of(new BusyConnectionException(2048), WriteErrorKind.TRANSIENT),
                Arguments.of(new RequestThrottlingException("The session is shutting down"), WriteErrorKind.TRANSIENT),
                Arguments.of(new ServerError(NODE1, "java.lang.RuntimeException"), WriteErrorKind.TRANSIENT),
                Arguments.of(new TruncateException(NODE1, "Error during truncate"), WriteErrorKind.TRANSIENT),
                Arguments.of(connectionRefusing(new ClosedConnectionException("Connection refused")),
                        WriteErrorKind.TRANSIENT),
                Arguments.of(connectionRefusing(null), WriteErrorKind.TRANSIENT),
                Arguments.of(new NoNodeAvailableException(), WriteErrorKind.TRANSIENT),
                Arguments.of(AllNodesFailedException.fromErrors(Map.of(
                                NODE1, connectionRefusing(new ClosedConnectionException("Connection refused")),
                                NODE2, new DriverTimeoutException("Query timed out after PT12S"))),
                        WriteErrorKind.TRANSIENT),
                // one node down and one refusing us: the down one may come back with the data, so not fatal
                Arguments.of(AllNodesFailedException.fromErrors(Map.of(
                                NODE1, badPassword(),
                                NODE2, connectionRefusing(new ClosedConnectionException("Connection refused")))),
                        WriteErrorKind.TRANSIENT),
                // the data of this statement
                Arguments.of(new InvalidQueryException(NODE1, "Key length of 70009 is longer than maximum of 65535"),
                        WriteErrorKind.REJECTED_ROW),
                Arguments.of(new InvalidQueryException(NODE1, "Rejected an oversized mutation (17825792/16777216) for "
                        + "keyspace: event_streaming. Top keys are: user_events.(…)"), WriteErrorKind.REJECTED_ROW),
                // every row would fail
                Arguments.of(new InvalidQueryException(NODE1, "unconfigured table user_events"), WriteErrorKind.FATAL),
                Arguments.of(new InvalidQueryException(NODE1, "Keyspace event_streaming does not exist"),
                        WriteErrorKind.FATAL),
                Arguments.of(new InvalidQueryException(NODE1, "Undefined column name metadata"), WriteErrorKind.FATAL),
                Arguments.of(new InvalidQueryException(NODE1, "Unknown identifier metadata"), WriteErrorKind.FATAL),
                Arguments.of(new InvalidQueryException(NODE1, "Request on table event_streaming.user_events with ttl of "
                        + "630720000 seconds exceeds maximum supported expiration date of 2038-01-19T03:14:06+00:00."),
                        WriteErrorKind.FATAL),
                Arguments.of(new InvalidQueryException(NODE1, "ttl is too large. requested (630720001) maximum (630720000)"),
                        WriteErrorKind.FATAL),
                Arguments.of(new InvalidQueryException(NODE1, "Invalid TTL value -1"), WriteErrorKind.FATAL),
                Arguments.of(new InvalidConfigurationInQueryException(NODE1, "no such table"), WriteErrorKind.FATAL),
                Arguments.of(new AlreadyExistsException(NODE1, "event_streaming", "user_events"), WriteErrorKind.FATAL),
                Arguments.of(new UnauthorizedException(NODE1, "User writer has no MODIFY permission"), WriteErrorKind.FATAL),
                Arguments.of(badPassword(), WriteErrorKind.FATAL),
                Arguments.of(connectionRefusing(badPassword()), WriteErrorKind.FATAL),
                Arguments.of(AllNodesFailedException.fromErrors(Map.of(NODE1, badPassword(), NODE2, badPassword())),
                        WriteErrorKind.FATAL),
                Arguments.of(AllNodesFailedException.fromErrors(Map.of(
                        NODE1, connectionRefusing(badPassword()), NODE2, connectionRefusing(badPassword()))),
                        WriteErrorKind.FATAL),
                Arguments.of(new SyntaxError(NODE1, "line 1:0 no viable alternative"), WriteErrorKind.FATAL),
                Arguments.of(new ProtocolError(NODE1, "Invalid or unsupported protocol version"), WriteErrorKind.FATAL),
                Arguments.of(UnsupportedProtocolVersionException.forNegotiation(NODE1.getEndPoint(),
                        List.of(DefaultProtocolVersion.V5, DefaultProtocolVersion.V4)), WriteErrorKind.FATAL),
                Arguments.of(new CodecNotFoundException(DataTypes.TEXT, GenericType.INTEGER), WriteErrorKind.FATAL),
                Arguments.of(new NullPointerException(), WriteErrorKind.FATAL));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("driverErrors")
    void everyDriverErrorHasAKind(Throwable error, WriteErrorKind kind) {
        assertThat(WriteErrors.classify(error)).isEqualTo(kind);
        assertThat(WriteErrors.classify(new CompletionException(new ExecutionException(error)))).isEqualTo(kind);
    }

    @Test
    void aTransientWriteExceptionIsClassifiedByItsCause() {
        assertThat(WriteErrors.classify(new TransientWriteException(3,
                new WriteTimeoutException(NODE1, LOCAL_QUORUM, 1, 2, WriteType.BATCH)))).isEqualTo(WriteErrorKind.TRANSIENT);
        assertThat(WriteErrors.unwrapCompletion(new CompletionException(new TransientWriteException(1,
                new OverloadedException(NODE1))))).as("the retry loop sees the transient wrapper itself")
                .isInstanceOf(TransientWriteException.class);
    }

    @Test
    void aFatalErrorSaysWhatToFix() {
        assertThat(WriteErrors.fixFor(new UnauthorizedException(NODE1, "no MODIFY"), "event_streaming", "user_events"))
                .contains("GRANT MODIFY ON TABLE event_streaming.user_events");
        assertThat(WriteErrors.fixFor(badPassword(), "ks", "t")).contains("cassandra.username", "cassandra.password");
        assertThat(WriteErrors.fixFor(new CompletionException(connectionRefusing(badPassword())), "ks", "t"))
                .as("authentication behind a failed connection").contains("refused the credentials");
        assertThat(WriteErrors.fixFor(AllNodesFailedException.fromErrors(Map.of(
                        NODE1, connectionRefusing(badPassword()), NODE2, badPassword())), "ks", "t"))
                .as("authentication behind every node's failure").contains("refused the credentials");
        assertThat(WriteErrors.fixFor(connectionRefusing(new ClosedConnectionException("refused")), "ks", "t"))
                .doesNotContain("credentials");
        assertThat(WriteErrors.fixFor(new InvalidQueryException(NODE1, "unconfigured table user_events"), "ks", "t"))
                .contains("ks.t", "apply the schema", "cassandra.table");
        assertThat(WriteErrors.fixFor(new SyntaxError(NODE1, "line 1:0 no viable alternative"), "ks", "t"))
                .contains("ks.t", "apply the schema");
        assertThat(WriteErrors.fixFor(new CodecNotFoundException(DataTypes.TEXT, GenericType.INTEGER), "ks", "t"))
                .contains("ks.t", "cassandra.table-layout");
        assertThat(WriteErrors.fixFor(new InvalidQueryException(NODE1, "ttl exceeds maximum supported expiration date"),
                "ks", "t")).contains("cassandra.ttl");
        assertThat(WriteErrors.fixFor(new InvalidQueryException(NODE1, "ttl is too large. requested (1) maximum (0)"),
                "ks", "t")).contains("cassandra.ttl");
        assertThat(WriteErrors.fixFor(new InvalidQueryException(NODE1, "Invalid TTL value -1"), "ks", "t"))
                .contains("cassandra.ttl");
        assertThat(WriteErrors.fixFor(new ProtocolError(NODE1, "Invalid or unsupported protocol version"), "ks", "t"))
                .contains("protocol", "server version");
        assertThat(WriteErrors.fixFor(UnsupportedProtocolVersionException.forNegotiation(NODE1.getEndPoint(),
                List.of(DefaultProtocolVersion.V4)), "ks", "t")).contains("protocol");
        assertThat(WriteErrors.fixFor(new NullPointerException(), "ks", "t")).contains("a bug, not bad data");
    }
}
