package dev.eventpipeline.connectors.cassandra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
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
import com.datastax.oss.driver.api.core.servererrors.QueryConsistencyException;
import com.datastax.oss.driver.api.core.servererrors.ServerError;
import com.datastax.oss.driver.api.core.servererrors.SyntaxError;
import com.datastax.oss.driver.api.core.servererrors.TruncateException;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.type.codec.CodecNotFoundException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Classifies the driver's write errors. An invalid request is the server refusing this statement:
 * for our upserts that is the data (a key over 65,535 bytes, a mutation over the server's limit),
 * unless its message says the table, a column or the TTL itself is wrong, which no row can fix.
 * Anything unknown is fatal, never dead-lettered: a bug must not look like bad data. A replica
 * failing the write (WriteFailure) or a server error counts as transient: retried, then the job
 * replays, which stops only once the replica recovers.
 */
public final class WriteErrors {

    /** Server messages of an invalid request that every row of the stream would get. */
    private static final List<String> SCHEMA_PROBLEMS = List.of(
            "unconfigured table", "does not exist", "undefined column name", "unknown identifier",
            "maximum supported expiration date", "ttl is too large", "invalid ttl");

    private WriteErrors() {}

    public static WriteErrorKind classify(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof QueryConsistencyException // write/read timeouts and failures at the replicas
                || cause instanceof UnavailableException
                || cause instanceof OverloadedException
                || cause instanceof BootstrappingException
                || cause instanceof DriverTimeoutException
                || cause instanceof ClosedConnectionException
                || cause instanceof HeartbeatException
                || cause instanceof BusyConnectionException
                || cause instanceof RequestThrottlingException
                || cause instanceof ServerError
                || cause instanceof TruncateException) {
            return WriteErrorKind.TRANSIENT;
        }
        if (cause instanceof ConnectionInitException) {
            // A connection that failed to open: a node going down (transient) or refusing us (fatal).
            return refusesUs(cause) ? WriteErrorKind.FATAL : WriteErrorKind.TRANSIENT;
        }
        if (cause instanceof AllNodesFailedException noNode) {
            // Every node refusing us for a reason no retry fixes (bad credentials, a protocol it does not
            // speak) is fatal; nodes down, unreachable or slow (connection refused, timeouts) are not.
            List<Throwable> errors = noNode.getAllErrors().values().stream().flatMap(Collection::stream).toList();
            boolean allRefuseUs = !errors.isEmpty() && errors.stream().allMatch(WriteErrors::refusesUs);
            return allRefuseUs ? WriteErrorKind.FATAL : WriteErrorKind.TRANSIENT;
        }
        if (cause instanceof InvalidConfigurationInQueryException || cause instanceof AlreadyExistsException) {
            return WriteErrorKind.FATAL;
        }
        if (cause instanceof InvalidQueryException) {
            return isSchemaProblem(cause.getMessage()) ? WriteErrorKind.FATAL : WriteErrorKind.REJECTED_ROW;
        }
        return WriteErrorKind.FATAL; // authentication, authorization, syntax, protocol, codecs, bugs
    }

    /** Whether the server's message of an invalid request says the table or the TTL is wrong, not the row. */
    public static boolean isSchemaProblem(String serverMessage) {
        String message = String.valueOf(serverMessage).toLowerCase(Locale.ROOT);
        return SCHEMA_PROBLEMS.stream().anyMatch(message::contains);
    }

    /** A message for a fatal error that says what to fix. */
    public static String fixFor(Throwable error, String keyspace, String table) {
        Throwable cause = unwrap(error);
        String target = keyspace + "." + table;
        if (cause instanceof UnauthorizedException) {
            return "the Cassandra role of cassandra.username may not write to " + target
                    + ": GRANT MODIFY ON TABLE " + target + " TO <role>";
        }
        if (isAuthentication(cause)) {
            return "Cassandra refused the credentials: check cassandra.username and its password (cassandra.password, "
                    + "cassandra.password-file or EVENT_PIPELINE_CASSANDRA_PASSWORD)";
        }
        String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("expiration date") || message.contains("ttl is too large") || message.contains("invalid ttl")) {
            return "Cassandra refuses cassandra.ttl for every row: choose a shorter TTL";
        }
        if (cause instanceof InvalidQueryException || cause instanceof SyntaxError
                || cause instanceof CodecNotFoundException) {
            return "table " + target + " is missing or differs from infra/cassandra's schema: apply the schema "
                    + "(pipeline up does) or fix cassandra.keyspace, cassandra.table or cassandra.table-layout";
        }
        if (cause instanceof UnsupportedProtocolVersionException || cause instanceof ProtocolError) {
            return "the driver and the Cassandra server do not agree on the protocol: check the server version";
        }
        return "an unexpected error (a bug, not bad data): report it with the exception";
    }

    /** A node's answer that no retry changes: it refused our login, or speaks no protocol version we do. */
    private static boolean refusesUs(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof AuthenticationException || cause instanceof UnsupportedProtocolVersionException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAuthentication(Throwable cause) {
        if (cause instanceof AuthenticationException) {
            return true;
        }
        if (cause instanceof ConnectionInitException && cause.getCause() != null) {
            return isAuthentication(cause.getCause());
        }
        return cause instanceof AllNodesFailedException noNode && noNode.getAllErrors().values().stream()
                .flatMap(Collection::stream).anyMatch(WriteErrors::isAuthentication);
    }

    /** The error itself, without the wrappers of a completion stage. */
    static Throwable unwrapCompletion(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException
                        || cause instanceof TransientWriteException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
