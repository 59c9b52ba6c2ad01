package dev.eventpipeline.connectors.cassandra.connector;

import com.datastax.driver.core.exceptions.AuthenticationException;
import com.datastax.driver.core.exceptions.InvalidConfigurationInQueryException;
import com.datastax.driver.core.exceptions.InvalidQueryException;
import com.datastax.driver.core.exceptions.NoHostAvailableException;
import com.datastax.driver.core.exceptions.SyntaxError;
import com.datastax.driver.core.exceptions.UnauthorizedException;
import dev.eventpipeline.connectors.cassandra.FatalWriteException;
import dev.eventpipeline.connectors.cassandra.TransientWriteException;
import dev.eventpipeline.connectors.cassandra.WriteErrors;
import java.io.IOException;
import org.apache.flink.streaming.connectors.cassandra.CassandraFailureHandler;

/**
 * The error classes of the job's writes (see {@link WriteErrors}) as far as flink-connector-cassandra lets
 * them go: its failure handler gets the error but not the row, and may only drop the write (data lost:
 * never done here) or fail the job. So a transient error fails the job, which restarts from its last
 * checkpoint with the restart strategy's backoff and writes again; a fatal one fails it for good with
 * what to fix; and a row Cassandra refuses, which cannot be dead-lettered, stops the job for good too,
 * naming the sink that can (rather than restarting into the same row for ever). Nothing is lost either
 * way: the row stays in Kafka, after the last committed offset.
 */
final class ConnectorFailureHandler implements CassandraFailureHandler {

    private static final long serialVersionUID = 1L;

    private final String keyspace;
    private final String table;

    ConnectorFailureHandler(String keyspace, String table) {
        this.keyspace = keyspace;
        this.table = table;
    }

    @Override
    public void onFailure(Throwable failure) throws IOException {
        String target = keyspace + "." + table;
        if (failure instanceof UnauthorizedException) {
            throw new FatalWriteException("the Cassandra role of cassandra.username may not write to " + target
                    + ": GRANT MODIFY ON TABLE " + target + " TO <role>", failure);
        }
        if (failure instanceof AuthenticationException || failure instanceof SyntaxError
                || failure instanceof InvalidConfigurationInQueryException
                || (failure instanceof NoHostAvailableException noHost && !noHost.getErrors().isEmpty()
                        && noHost.getErrors().values().stream().allMatch(AuthenticationException.class::isInstance))) {
            throw new FatalWriteException("check cassandra.username and its password, and that " + target
                    + " is as infra/cassandra's schema creates it", failure);
        }
        if (failure instanceof InvalidQueryException) {
            if (WriteErrors.isSchemaProblem(failure.getMessage())) {
                throw new FatalWriteException("table " + target + " is missing or differs from infra/cassandra's "
                        + "schema, or Cassandra refuses cassandra.ttl: apply the schema or fix the option", failure);
            }
            throw FatalWriteException.stopping("Cassandra refused a row, and with cassandra.sink=connector a refused row "
                    + "cannot become a dead letter (flink-connector-cassandra's failure handler does not get the row): "
                    + "the job stops rather than retry it for ever, and the row stays in Kafka; run the job with "
                    + "cassandra.sink=sink-v2, which dead-letters refused rows", failure);
        }
        // Timeouts, unavailable replicas, lost connections: the job restarts and writes again.
        throw new TransientWriteException(1, failure);
    }
}
