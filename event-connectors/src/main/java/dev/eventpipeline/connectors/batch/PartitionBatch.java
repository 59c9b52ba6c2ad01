package dev.eventpipeline.connectors.batch;

import dev.eventpipeline.connectors.types.SourcedRow;
import java.util.List;

/**
 * One partition's rows as {@link PartitionBatches} hands them out, with the sum of their
 * {@link PartitionBatches#estimatedBytes} (measured once per row, when it was added).
 */
public record PartitionBatch(List<SourcedRow> rows, long estimatedBytes) {}
