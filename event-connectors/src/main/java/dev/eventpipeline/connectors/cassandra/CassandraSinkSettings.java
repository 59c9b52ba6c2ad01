package dev.eventpipeline.connectors.cassandra;

import dev.eventpipeline.connectors.batch.BatchSettings;
import dev.eventpipeline.model.TableLayout;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** Where and how rows are written to Cassandra. */
@Value.Immutable
public abstract class CassandraSinkSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Requests (single rows or one-partition batches) in flight per sink subtask. Bounded because a
     * loaded node otherwise queues without limit (flink-connector-cassandra's unbounded default fails
     * the job with BusyPoolException). See docs/benchmarks.md for how the default was chosen.
     */
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 512;

    /** Which sink writes the rows; {@link CassandraSinkKind#SINK_V2} unless asked otherwise. */
    @Value.Default
    public CassandraSinkKind sink() {
        return CassandraSinkKind.SINK_V2;
    }

    /** Host names or addresses; all use {@link #port()}. */
    public abstract List<String> contactPoints();

    @Value.Default
    public int port() {
        return 9042;
    }

    @Value.Default
    public String localDatacenter() {
        return "datacenter1";
    }

    @Value.Default
    public String keyspace() {
        return UserEventCassandraModel.KEYSPACE;
    }

    /** Which primary key the table has; decides which events share a row. */
    @Value.Default
    public TableLayout tableLayout() {
        return TableLayout.SEED;
    }

    /** Defaults to the table the layout's schema file creates. */
    @Value.Default
    public String table() {
        return tableLayout().defaultTable();
    }

    public abstract Optional<String> username();

    @Value.Redacted
    public abstract Optional<String> password();

    /** TLS to Cassandra, as {@link #tls()} says; off: plaintext. */
    @Value.Default
    public boolean ssl() {
        return false;
    }

    /** Truststore, keystore and hostname verification of TLS; used only with {@link #ssl()}. */
    @Value.Default
    public CassandraTlsSettings tls() {
        return CassandraTlsSettings.defaults();
    }

    /** A driver consistency level name. */
    @Value.Default
    public String consistencyLevel() {
        return "LOCAL_QUORUM";
    }

    /** Rows expire after this; empty keeps them for ever. */
    public abstract Optional<Duration> ttl();

    @Value.Default
    public int maxConcurrentRequests() {
        return DEFAULT_MAX_CONCURRENT_REQUESTS;
    }

    /**
     * Rows per second each sink subtask may write, for a cluster shared with other work; empty: as fast
     * as the cluster answers.
     */
    public abstract Optional<Double> writeRateLimit();

    @Value.Default
    public Duration requestTimeout() {
        return Duration.ofSeconds(12);
    }

    /** How rows are grouped into one-partition batches. */
    @Value.Default
    public BatchSettings batching() {
        return BatchSettings.builder().build();
    }

    /**
     * Retries of a write that failed with a transient error (timeout, unavailable, overloaded,
     * connection lost), with exponential backoff and jitter, before the job fails and replays from
     * its last checkpoint.
     */
    @Value.Default
    public int maxRetries() {
        return 5;
    }

    /** The longest wait before the first retry; each further retry may wait twice as long. */
    @Value.Default
    public Duration retryInitialBackoff() {
        return Duration.ofMillis(200);
    }

    @Value.Default
    public Duration retryMaxBackoff() {
        return Duration.ofSeconds(10);
    }

    /** Cassandra's largest TTL (Attributes.MAX_TTL): 20 years. */
    public static final long MAX_TTL_SECONDS = 630_720_000L;

    @Value.Check
    protected void check() {
        if (ttl().isPresent()) {
            Duration ttl = ttl().get();
            if (ttl.getNano() != 0 || ttl.getSeconds() < 1 || ttl.getSeconds() > MAX_TTL_SECONDS) {
                throw new IllegalArgumentException("ttl must be whole seconds from 1 s to " + MAX_TTL_SECONDS
                        + " s (Cassandra's maximum, 20 years): " + ttl);
            }
        }
        if (maxConcurrentRequests() < 1 || maxConcurrentRequests() > 32_768) {
            throw new IllegalArgumentException("max concurrent requests must be from 1 to 32768 (the protocol's "
                    + "stream ids per connection): " + maxConcurrentRequests());
        }
        if (writeRateLimit().isPresent() && !(writeRateLimit().get() > 0 && writeRateLimit().get() < 1e9)) {
            throw new IllegalArgumentException("write rate limit must be a positive number of rows per second: "
                    + writeRateLimit().get());
        }
        if (requestTimeout().isNegative() || requestTimeout().isZero()) {
            throw new IllegalArgumentException("request timeout must be positive: " + requestTimeout());
        }
        if (retryMaxBackoff().compareTo(retryInitialBackoff()) < 0) {
            throw new IllegalArgumentException("retryMaxBackoff " + retryMaxBackoff()
                    + " is shorter than retryInitialBackoff " + retryInitialBackoff());
        }
    }

    public static ImmutableCassandraSinkSettings.Builder builder() {
        return ImmutableCassandraSinkSettings.builder();
    }
}
