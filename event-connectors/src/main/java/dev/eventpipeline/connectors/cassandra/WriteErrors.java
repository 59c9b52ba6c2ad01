package dev.eventpipeline.connectors.cassandra;

import com.datastax.driver.core.exceptions.AlreadyExistsException;
import com.datastax.driver.core.exceptions.AuthenticationException;
import com.datastax.driver.core.exceptions.BootstrappingException;
import com.datastax.driver.core.exceptions.BusyConnectionException;
import com.datastax.driver.core.exceptions.BusyPoolException;
import com.datastax.driver.core.exceptions.CodecNotFoundException;
import com.datastax.driver.core.exceptions.ConnectionException;
import com.datastax.driver.core.exceptions.DriverInternalError;
import com.datastax.driver.core.exceptions.InvalidConfigurationInQueryException;
import com.datastax.driver.core.exceptions.InvalidQueryException;
import com.datastax.driver.core.exceptions.InvalidTypeException;
import com.datastax.driver.core.exceptions.NoHostAvailableException;
import com.datastax.driver.core.exceptions.OperationTimedOutException;
import com.datastax.driver.core.exceptions.OverloadedException;
import com.datastax.driver.core.exceptions.ProtocolError;
import com.datastax.driver.core.exceptions.QueryConsistencyException;
import com.datastax.driver.core.exceptions.ServerError;
import com.datastax.driver.core.exceptions.SyntaxError;
import com.datastax.driver.core.exceptions.TruncateException;
import com.datastax.driver.core.exceptions.UnauthorizedException;
import com.datastax.driver.core.exceptions.UnavailableException;
import com.datastax.driver.core.exceptions.UnpreparedException;
import com.datastax.driver.core.exceptions.UnsupportedFeatureException;
import com.datastax.driver.core.exceptions.UnsupportedProtocolVersionException;
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
                || cause instanceof OperationTimedOutException
                || cause instanceof ConnectionException // includes TransportException
                || cause instanceof BusyPoolException
                || cause instanceof BusyConnectionException
                || cause instanceof ServerError
                || cause instanceof TruncateException
                || cause instanceof UnpreparedException) {
            return WriteErrorKind.TRANSIENT;
        }
        if (cause instanceof NoHostAvailableException noHost) {
            // Every host refusing us for a reason no retry fixes (bad credentials) is fatal; hosts down are not.
            boolean allFatal = !noHost.getErrors().isEmpty()
                    && noHost.getErrors().values().stream().allMatch(e -> classify(e) == WriteErrorKind.FATAL);
            return allFatal ? WriteErrorKind.FATAL : WriteErrorKind.TRANSIENT;
        }
        if (cause instanceof InvalidConfigurationInQueryException || cause instanceof AlreadyExistsException) {
            return WriteErrorKind.FATAL;
        }
        if (cause instanceof InvalidQueryException) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            return SCHEMA_PROBLEMS.stream().anyMatch(message::contains) ? WriteErrorKind.FATAL : WriteErrorKind.REJECTED_ROW;
        }
        return WriteErrorKind.FATAL; // authentication, authorization, syntax, protocol, codecs, bugs
    }

    /** A message for a fatal error that says what to fix. */
    public static String fixFor(Throwable error, String keyspace, String table) {
        Throwable cause = unwrap(error);
        String target = keyspace + "." + table;
        if (cause instanceof UnauthorizedException) {
            return "the Cassandra role of cassandra.username may not write to " + target
                    + ": GRANT MODIFY ON TABLE " + target + " TO <role>";
        }
        if (cause instanceof AuthenticationException
                || (cause instanceof NoHostAvailableException noHost
                        && noHost.getErrors().values().stream().anyMatch(AuthenticationException.class::isInstance))) {
            return "Cassandra refused the credentials: check cassandra.username and its password (cassandra.password, "
                    + "cassandra.password-file or EVENT_PIPELINE_CASSANDRA_PASSWORD)";
        }
        String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("expiration date") || message.contains("ttl is too large") || message.contains("invalid ttl")) {
            return "Cassandra refuses cassandra.ttl for every row: choose a shorter TTL";
        }
        if (cause instanceof InvalidQueryException || cause instanceof InvalidConfigurationInQueryException
                || cause instanceof SyntaxError || cause instanceof InvalidTypeException
                || cause instanceof CodecNotFoundException) {
            return "table " + target + " is missing or differs from infra/cassandra's schema: apply the schema "
                    + "(pipeline up does) or fix cassandra.keyspace, cassandra.table or cassandra.table-layout";
        }
        if (cause instanceof UnsupportedProtocolVersionException || cause instanceof UnsupportedFeatureException
                || cause instanceof ProtocolError || cause instanceof DriverInternalError) {
            return "the driver and the Cassandra server do not agree on the protocol: check the server version";
        }
        return "an unexpected error (a bug, not bad data): report it with the exception";
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
