package dev.eventpipeline.infra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventpipeline.connectors.metrics.PipelineMetrics;
import dev.eventpipeline.infra.flink.FlinkRest;
import dev.eventpipeline.infra.process.Wait;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a running job's {@link JobActivity} from Flink's REST API: the job's own meters, the lag gauges, checkpoints. */
final class JobActivityReader {

    private static final Pattern REASON_RATE = Pattern.compile(
            "\\." + PipelineMetrics.REASON_GROUP + "\\.([A-Z_]+)\\." + PipelineMetrics.EVENTS_REJECTED_RATE + "$");
    private static final Pattern LAG = Pattern.compile("\\." + PipelineMetrics.KAFKA_SOURCE_READER_GROUP + "\\."
            + PipelineMetrics.TOPIC_GROUP + "\\.(.+)\\." + PipelineMetrics.PARTITION_GROUP + "\\.(\\d+)\\." + PipelineMetrics.RECORDS_LAG + "$");

    private static final Duration METRICS_REFRESH = Duration.ofSeconds(5);

    private final FlinkRest rest;

    JobActivityReader(FlinkRest rest) {
        this.rest = rest;
    }

    private Map<String, FlinkRest.Aggregate> metrics(String jobId) throws IOException {
        return rest.subtaskMetrics(jobId, id ->
                id.endsWith("." + PipelineMetrics.EVENTS_IN_RATE) || id.endsWith("." + PipelineMetrics.ROWS_WRITTEN_RATE)
                        || REASON_RATE.matcher(id).find() || LAG.matcher(id).find());
    }

    private Map<String, FlinkRest.Aggregate> fetch(String jobId) {
        try {
            return metrics(jobId);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The latest job's activity; empty when the REST API lists no job. */
    Optional<JobActivity> read() throws IOException {
        Optional<FlinkRest.JobOverview> latest = rest.latestJob();
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        FlinkRest.JobOverview job = latest.get();
        Map<String, FlinkRest.Aggregate> metrics = metrics(job.id());
        if (metrics.isEmpty()) {
            // Flink's REST API serves metrics from a cache that a request only starts to refresh (every 10 s at
            // most): the first request after a quiet while finds it empty or stale. Ask again, briefly.
            AtomicReference<Map<String, FlinkRest.Aggregate>> refreshed = new AtomicReference<>(metrics);
            try {
                Wait.until("the job's metrics", METRICS_REFRESH, () -> !refreshed.updateAndGet(old -> fetch(job.id())).isEmpty());
            } catch (TimeoutException stillNone) {
                // shown as such: no rates, no lag yet
            }
            metrics = refreshed.get();
        }
        double eventsIn = 0;
        double rows = 0;
        Map<String, Double> deadLetters = new TreeMap<>();
        Map<String, Long> lag = new TreeMap<>();
        for (Map.Entry<String, FlinkRest.Aggregate> metric : metrics.entrySet()) {
            String id = metric.getKey();
            Matcher reason = REASON_RATE.matcher(id);
            Matcher partition = LAG.matcher(id);
            if (reason.find()) {
                if (metric.getValue().sum() > 0) {
                    deadLetters.merge(reason.group(1), metric.getValue().sum(), Double::sum);
                }
            } else if (partition.find()) {
                // One reader reads a partition; the other subtasks have no such gauge. NaN: the partition left its reader.
                double value = metric.getValue().max();
                if (!Double.isNaN(value)) {
                    lag.put(partition.group(1) + "[" + partition.group(2) + "]", Math.round(value));
                }
            } else if (id.endsWith("." + PipelineMetrics.EVENTS_IN_RATE)) {
                eventsIn += metric.getValue().sum();
            } else {
                rows += metric.getValue().sum();
            }
        }
        JsonNode checkpoints = rest.get("/jobs/" + job.id() + "/checkpoints");
        JsonNode completed = checkpoints.path("latest").path("completed");
        Optional<JobActivity.Checkpoint> last = completed.isObject() && completed.has("id")
                ? Optional.of(new JobActivity.Checkpoint(completed.path("id").asLong(),
                        Instant.ofEpochMilli(completed.path("latest_ack_timestamp").asLong()),
                        Duration.ofMillis(completed.path("end_to_end_duration").asLong())))
                : Optional.empty();
        return Optional.of(new JobActivity(job.name(), job.state(), job.runningTasks(), job.totalTasks(), eventsIn, rows,
                deadLetters, lag, last, checkpoints.path("counts").path("completed").asLong(),
                checkpoints.path("counts").path("failed").asLong()));
    }
}
