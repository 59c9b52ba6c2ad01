package dev.eventpipeline.connectors.batch;

import java.io.Serializable;
import org.immutables.value.Value;

/**
 * How rows are grouped into one-partition batches before the Cassandra sink. {@code maxRows = 1}
 * writes every row as its own request.
 */
@Value.Immutable
public abstract class BatchSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    @Value.Default
    public int maxRows() {
        return 64;
    }

    /** Cassandra refuses frames beyond its native_transport_max_frame_size (16 MiB by default). */
    @Value.Default
    public long maxBytes() {
        return 1024 * 1024;
    }

    /**
     * How long the first row of a batch may wait for others of its partition. Longer lingers fill
     * batches better, and a well-filled one-partition batch costs Cassandra about half the CPU per
     * row of single-row writes; 200 ms was chosen by measurement (docs/benchmarks.md) and keeps the
     * p99 latency well under a second.
     */
    @Value.Default
    public long lingerMillis() {
        return 200;
    }

    /** Bounds the memory of the buffer: beyond this the oldest batch is written early. */
    @Value.Default
    public int maxBufferedRows() {
        return 20_000;
    }

    @Value.Check
    protected void check() {
        if (maxRows() < 1 || maxBytes() < 1 || lingerMillis() < 0 || maxBufferedRows() < maxRows()) {
            throw new IllegalArgumentException("invalid batch settings: " + this);
        }
    }

    public static ImmutableBatchSettings.Builder builder() {
        return ImmutableBatchSettings.builder();
    }
}
