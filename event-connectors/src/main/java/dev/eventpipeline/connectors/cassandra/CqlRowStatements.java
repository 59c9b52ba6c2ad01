package dev.eventpipeline.connectors.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Executes upserts of one partition's rows on driver 4: a single row as the prepared insert, several
 * as one UNLOGGED batch of them (one partition, so one mutation and no batch log), with the batch's
 * write timestamp rather than the driver's clock at sending time.
 */
final class CqlRowStatements implements RowWriteExecutor {

    private final CqlSession session;
    private final PreparedStatement insert;

    CqlRowStatements(CqlSession session, String insertCql) {
        this.session = session;
        this.insert = session.prepare(insertCql);
    }

    @Override
    public CompletableFuture<Void> execute(List<UserEventCassandraModel> rows, long writeTimestampMicros) {
        Statement<?> statement;
        try {
            if (rows.size() == 1) {
                statement = bind(rows.get(0)).setQueryTimestamp(writeTimestampMicros);
            } else {
                BatchStatementBuilder batch = BatchStatement.builder(BatchType.UNLOGGED);
                for (UserEventCassandraModel row : rows) {
                    batch.addStatement(bind(row));
                }
                statement = batch.setIdempotence(true).setQueryTimestamp(writeTimestampMicros).build();
            }
            return session.executeAsync(statement).toCompletableFuture().thenApply(result -> null);
        } catch (RuntimeException e) { // e.g. a value the codec cannot encode: the write must still end
            return CompletableFuture.failedFuture(e);
        }
    }

    private BoundStatement bind(UserEventCassandraModel row) {
        return insert.boundStatementBuilder()
                // Codecs given, not looked up per value (an earlier profile's largest cost), and the text ones
                // without the driver's per-string encoder buffers (Utf8TextCodecs).
                .set(0, row.userId(), TypeCodecs.UUID)
                .set(1, row.bucketDate(), TypeCodecs.DATE)
                .set(2, row.eventTime(), TypeCodecs.TIMESTAMP)
                .set(3, row.eventType(), Utf8TextCodecs.TEXT)
                .set(4, row.eventId(), TypeCodecs.UUID)
                .set(5, row.metadata(), Utf8TextCodecs.TEXT_MAP)
                .setIdempotence(true)
                .build();
    }

    @Override
    public void close() {
        session.close();
    }
}
