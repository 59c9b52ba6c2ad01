package dev.eventpipeline.connectors.cassandra;

import dev.eventpipeline.connectors.deadletter.DeadLetter;
import dev.eventpipeline.connectors.types.RowBatch;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Writes one-partition batches of rows to Cassandra; the stream it returns carries the dead
 * letters of refused rows. Built with {@link #builder()}; the settings are checked when built.
 */
public final class CassandraWriter {

    private final CassandraSinkSettings settings;
    private final RowWriteExecutor.Factory executors;
    private final WriteRetryStrategy retries;
    private final Clock clock;

    private CassandraWriter(Builder builder) {
        this.settings = builder.settings;
        this.executors = builder.executors != null
                ? builder.executors : new UserEventsClusterBuilder(settings).executors();
        this.retries = builder.retries != null ? builder.retries : WriteRetryStrategy.of(settings);
        this.clock = builder.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Adds the writer after {@code batches}; name and uid are the caller's. */
    public SingleOutputStreamOperator<DeadLetter> writeFrom(DataStream<RowBatch> batches) {
        return AsyncDataStream.unorderedWaitWithRetry(batches,
                        new CassandraWriteFunction(executors, settings.keyspace(), settings.table(), clock),
                        timeoutMillis(), TimeUnit.MILLISECONDS, settings.maxConcurrentRequests(), retries)
                .returns(TypeInformation.of(DeadLetter.class));
    }

    /**
     * Long enough for every attempt to use its whole request timeout (twice: a refused batch is
     * tried again row by row) and every backoff its ceiling; reaching it fails the job.
     */
    long timeoutMillis() {
        long attempts = retries.maxRetries() + 1L;
        return attempts * 2 * settings.requestTimeout().toMillis() + retries.maxTotalBackoffMillis() + 10_000;
    }

    public static final class Builder {
        private CassandraSinkSettings settings;
        private RowWriteExecutor.Factory executors;
        private WriteRetryStrategy retries;
        private Clock clock = Clock.systemUTC();

        public Builder settings(CassandraSinkSettings settings) {
            this.settings = settings;
            return this;
        }

        /** Replaces the driver (tests). */
        public Builder executors(RowWriteExecutor.Factory executors) {
            this.executors = executors;
            return this;
        }

        public Builder retries(WriteRetryStrategy retries) {
            this.retries = retries;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public CassandraWriter build() {
            if (settings == null) {
                throw new IllegalStateException("CassandraWriter needs settings");
            }
            CqlIdentifiers.require("keyspace", settings.keyspace());
            CqlIdentifiers.require("table", settings.table());
            return new CassandraWriter(this);
        }
    }
}
