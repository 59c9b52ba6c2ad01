package dev.eventpipeline.connectors.cassandra;

import dev.eventpipeline.connectors.compat.PortableSink;
import dev.eventpipeline.connectors.deadletter.DeadLetter;
import dev.eventpipeline.connectors.types.SourcedRow;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.SupportsPostCommitTopology;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Upserts rows into Cassandra with driver 4, on Flink's Sink V2 API (Flink 1.20 and 2.x): one-partition
 * UNLOGGED batches, a bound on requests in flight, retries of transient errors with backoff, an
 * optional rate limit, and every write finished before each checkpoint (at least once; upserts are
 * idempotent). Rows Cassandra refuses become dead letters: they travel as committables, so they leave
 * the sink once the checkpoint that made them completes, and reach the dead-letter sink given here
 * exactly as often as that sink's guarantee says.
 *
 * <pre>{@code
 * stream.sinkTo(CassandraRowSink.builder()
 *         .setSettings(settings)
 *         .setDeadLetterSink(DeadLetterSinks.kafkaForRefusedRows(deadLetters), "cassandra-dead-letters")
 *         .build());
 * }</pre>
 */
public final class CassandraRowSink extends PortableSink<SourcedRow>
        implements SupportsCommitter<DeadLetter>, SupportsPostCommitTopology<DeadLetter> {

    private static final long serialVersionUID = 1L;

    private final CassandraSinkSettings settings;
    private final RowWriteExecutor.Factory executors;
    private final WriteRetryStrategy retries;
    private final Clock clock;
    private final Sink<DeadLetter> deadLetterSink;
    private final String deadLetterUid;

    private CassandraRowSink(CassandraRowSinkBuilder builder) {
        this.settings = builder.settings;
        this.executors = builder.executors != null ? builder.executors : driverExecutors(settings);
        this.retries = builder.retries != null ? builder.retries : WriteRetryStrategy.of(settings);
        this.clock = builder.clock;
        this.deadLetterSink = builder.deadLetterSink;
        this.deadLetterUid = builder.deadLetterUid;
    }

    public static CassandraRowSinkBuilder builder() {
        return new CassandraRowSinkBuilder();
    }

    @Override
    public SinkWriter<SourcedRow> createWriter(WriterInitContext context) throws IOException {
        RowWriteExecutor executor;
        try {
            executor = executors.open();
        } catch (Exception e) {
            if (WriteErrors.classify(e) == WriteErrorKind.FATAL) {
                throw new FatalWriteException(WriteErrors.fixFor(e, settings.keyspace(), settings.table()), e);
            }
            throw new IOException("could not connect to Cassandra at " + settings.contactPoints() + ":" + settings.port()
                    + " (the job restarts and tries again): " + e, e);
        }
        return new CassandraRowSinkWriter(this, executor, context.getMailboxExecutor(),
                context.getProcessingTimeService(), context.metricGroup(), clock);
    }

    @Override
    public Committer<DeadLetter> createCommitter(CommitterInitContext context) {
        return new DeadLetterHandOff();
    }

    @Override
    public SimpleVersionedSerializer<DeadLetter> getCommittableSerializer() {
        return DeadLetterCommittableSerializer.INSTANCE;
    }

    @Override
    public void addPostCommitTopology(DataStream<CommittableMessage<DeadLetter>> committables) {
        committables
                .flatMap(new CommittedDeadLetters())
                .returns(TypeInformation.of(DeadLetter.class))
                .name("Cassandra: refused rows")
                .uid(deadLetterUid + "-refused-rows")
                .sinkTo(deadLetterSink)
                .name("Kafka: dead letters of refused rows")
                .uid(deadLetterUid);
    }

    CassandraSinkSettings settings() {
        return settings;
    }

    WriteRetryStrategy retries() {
        return retries;
    }

    /** Executors on a driver-4 session of {@code settings}' cluster: what the sink uses unless told otherwise. */
    public static RowWriteExecutor.Factory driverExecutors(CassandraSinkSettings settings) {
        String insertCql = UserEventsInsert.cql(settings.keyspace(), settings.table(), settings.ttl());
        return () -> new CqlRowStatements(CassandraSessions.openForWrites(settings), insertCql);
    }

    /** Builds a {@link CassandraRowSink}; {@link #build()} checks what it was given. */
    public static final class CassandraRowSinkBuilder {
        private CassandraSinkSettings settings;
        private RowWriteExecutor.Factory executors;
        private WriteRetryStrategy retries;
        private Clock clock = Clock.systemUTC();
        private Sink<DeadLetter> deadLetterSink;
        private String deadLetterUid;

        private CassandraRowSinkBuilder() {}

        /** Where and how to write (cluster, table, batching, in-flight bound, retries, rate limit). */
        public CassandraRowSinkBuilder setSettings(CassandraSinkSettings settings) {
            this.settings = settings;
            return this;
        }

        /** Where refused rows' dead letters go, and the uid of that sink (its operator's state survives upgrades by it). */
        public CassandraRowSinkBuilder setDeadLetterSink(Sink<DeadLetter> sink, String uid) {
            this.deadLetterSink = sink;
            this.deadLetterUid = uid;
            return this;
        }

        /** Replaces the driver: what executes each batch (tests). */
        public CassandraRowSinkBuilder setExecutors(RowWriteExecutor.Factory executors) {
            this.executors = executors;
            return this;
        }

        /** Replaces the retry strategy made from the settings (tests: a fixed jitter). */
        public CassandraRowSinkBuilder setRetries(WriteRetryStrategy retries) {
            this.retries = retries;
            return this;
        }

        public CassandraRowSinkBuilder setClock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public CassandraRowSink build() {
            if (settings == null) {
                throw new IllegalStateException("CassandraRowSink needs settings: setSettings(...)");
            }
            if (deadLetterSink == null || deadLetterUid == null || deadLetterUid.isBlank()) {
                throw new IllegalStateException("CassandraRowSink needs a sink for the dead letters of refused rows "
                        + "and its uid: setDeadLetterSink(sink, uid)");
            }
            if (settings.contactPoints().isEmpty() && executors == null) {
                throw new IllegalStateException("CassandraRowSink needs at least one contact point");
            }
            CqlIdentifiers.require("keyspace", settings.keyspace());
            CqlIdentifiers.require("table", settings.table());
            return new CassandraRowSink(this);
        }
    }
}
