package dev.eventpipeline.infra.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What `pipeline status` shows of a running job, read from Flink's REST API by {@link JobActivityReader}:
 * its rates (Flink meters, averaged over the last minute), each partition's lag and the last checkpoint.
 * Formatting only, no I/O.
 *
 * @param deadLettersPerSecond by reject reason, only the reasons with a rate above 0
 * @param lagByPartition by "topic[partition]", the Kafka consumer's records-lag; empty before the first fetch
 */
record JobActivity(String name, String state, int runningTasks, int totalTasks, double eventsInPerSecond,
        double rowsPerSecond, Map<String, Double> deadLettersPerSecond, Map<String, Long> lagByPartition,
        Optional<Checkpoint> lastCheckpoint, long completedCheckpoints, long failedCheckpoints) {

    /** The latest completed checkpoint. */
    record Checkpoint(long id, Instant completedAt, Duration duration) {}

    /** The lines under the job's line in `status`, each starting with {@code indent}. */
    List<String> lines(String indent, Instant now) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s%s %s (%d/%d tasks)", indent, name, state, runningTasks, totalTasks));
        double deadLetters = deadLettersPerSecond.values().stream().mapToDouble(Double::doubleValue).sum();
        lines.add(String.format(Locale.ROOT, "%sin %s events/s   rows %s/s   dead letters %s/s%s   (last minute)", indent,
                rate(eventsInPerSecond), rate(rowsPerSecond), rate(deadLetters),
                deadLettersPerSecond.isEmpty() ? "" : deadLettersPerSecond.entrySet().stream()
                        .map(reason -> reason.getKey() + " " + rate(reason.getValue()))
                        .collect(Collectors.joining(", ", " (", ")"))));
        lines.add(indent + "lag " + (lagByPartition.isEmpty() ? "not reported yet (no fetch so far)"
                : lagByPartition.entrySet().stream().map(partition -> partition.getKey() + " " + count(partition.getValue()))
                        .collect(Collectors.joining(", "))
                        + "   (total " + count(lagByPartition.values().stream().mapToLong(Long::longValue).sum()) + ")"));
        lines.add(indent + lastCheckpoint.map(last -> String.format(Locale.ROOT,
                        "last checkpoint #%d, %s ago, took %s (%d completed, %d failed)", last.id(),
                        age(Duration.between(last.completedAt(), now)), age(last.duration()), completedCheckpoints,
                        failedCheckpoints))
                .orElse(String.format(Locale.ROOT, "no checkpoint completed yet (%d failed)", failedCheckpoints)));
        return lines;
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, perSecond >= 100 ? "%,.0f" : "%,.1f", perSecond);
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** 850 ms, 4.2 s, 3 min 5 s, 2 h 10 min. */
    static String age(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return (seconds / 60) + " min " + (seconds % 60) + " s";
        }
        return (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
    }
}
