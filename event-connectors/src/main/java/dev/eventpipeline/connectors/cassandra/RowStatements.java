package dev.eventpipeline.connectors.cassandra;

import com.datastax.driver.core.BatchStatement;
import com.datastax.driver.core.BoundStatement;
import com.datastax.driver.core.LocalDate;
import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.ResultSetFuture;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.Statement;
import com.datastax.driver.core.TypeCodec;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Executes upserts of one partition's rows on the connector's driver: a single row as the prepared
 * insert, several as one UNLOGGED batch of them (one partition, so one mutation and no batch log),
 * with the batch's write timestamp rather than the driver's clock at sending time.
 */
final class RowStatements implements RowWriteExecutor {

    // Values are bound with these codecs, resolved once. Binding plain objects makes driver 3 look a
    // codec up per value, and for a Map it builds a new MapCodec (Guava TypeToken reflection) per
    // row: that was the largest cost of the whole job in the profile (docs/benchmarks.md).
    private static final TypeCodec<UUID> UUID_CODEC = TypeCodec.uuid();
    private static final TypeCodec<LocalDate> DATE_CODEC = TypeCodec.date();
    private static final TypeCodec<Date> TIMESTAMP_CODEC = TypeCodec.timestamp();
    private static final TypeCodec<String> TEXT_CODEC = TypeCodec.varchar();
    private static final TypeCodec<Map<String, String>> METADATA_CODEC =
            TypeCodec.map(TypeCodec.varchar(), TypeCodec.varchar());

    private final Session session;
    private final PreparedStatement insert;

    RowStatements(Session session, String insertCql) {
        this.session = session;
        this.insert = session.prepare(insertCql);
    }

    @Override
    public CompletableFuture<Void> execute(List<UserEventCassandraModel> rows, long writeTimestampMicros) {
        Statement statement;
        if (rows.size() == 1) {
            statement = bind(rows.get(0));
        } else {
            BatchStatement batch = new BatchStatement(BatchStatement.Type.UNLOGGED);
            for (UserEventCassandraModel row : rows) {
                batch.add(bind(row));
            }
            statement = batch;
        }
        statement.setIdempotent(true);
        statement.setDefaultTimestamp(writeTimestampMicros);
        CompletableFuture<Void> done = new CompletableFuture<>();
        ResultSetFuture future;
        try {
            future = session.executeAsync(statement);
        } catch (Throwable e) { // e.g. a batch too large to encode: the write must still end
            done.completeExceptionally(e);
            return done;
        }
        future.addListener(() -> {
            try {
                future.getUninterruptibly();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, Runnable::run);
        return done;
    }

    private BoundStatement bind(UserEventCassandraModel row) {
        BoundStatement bound = insert.bind();
        bound.set(0, row.userId(), UUID_CODEC);
        bound.set(1, LocalDate.fromDaysSinceEpoch(Math.toIntExact(row.bucketDate().toEpochDay())), DATE_CODEC);
        bound.set(2, new Date(row.eventTime().toEpochMilli()), TIMESTAMP_CODEC);
        bound.set(3, row.eventType(), TEXT_CODEC);
        bound.set(4, row.eventId(), UUID_CODEC);
        bound.set(5, row.metadata(), METADATA_CODEC);
        return bound;
    }

    @Override
    public void close() {
        session.getCluster().close();
    }
}
