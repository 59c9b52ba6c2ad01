package dev.eventpipeline.infra.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.eventpipeline.infra.cassandra.SchemaTarget;
import dev.eventpipeline.infra.flink.FlinkRest;
import dev.eventpipeline.infra.kafka.KafkaTopics;
import dev.eventpipeline.infra.process.Wait;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;

/**
 * The demo's last step: what was sent, written and dead-lettered (by reason), the collisions the job
 * counted, how long it took, and the busiest user's timeline.
 */
final class DemoSummary {

    private static final String REASON_INDENT = " ".repeat(28);
    private static final int TIMELINE_ROWS = 10;

    private final SchemaTarget table;
    private final FlinkRest rest;

    DemoSummary(SchemaTarget table, FlinkRest rest) {
        this.table = table;
        this.rest = rest;
    }

    String text(EventSender.Report sent, Arrivals arrivals) {
        String reasons = GenerateCommand.reasons(arrivals.deadLetteredByReason(), REASON_INDENT);
        double seconds = arrivals.sinceFirstSend().toNanos() / 1e9;
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "  sent           %,7d events: %,d valid, %,d invalid (%d reject reasons)%n",
                sent.sent(), sent.validSent(), sent.invalidSent(), sent.invalidByReason().size()));
        text.append(String.format(Locale.ROOT, "  written        %,7d rows in %s   %s%n", arrivals.written(),
                table.qualifiedTable(), check(arrivals.written(), sent.validSent(), "valid sent")));
        text.append(String.format(Locale.ROOT, "  dead-lettered  %,7d records in %s   %s%n", arrivals.deadLettered(),
                KafkaTopics.USER_EVENTS_DLQ, check(arrivals.deadLettered(), sent.invalidSent(), "invalid sent")));
        if (!reasons.isEmpty()) {
            text.append("                 by reason: ").append(reasons).append(System.lineSeparator());
        }
        if (arrivals.wrongReason() > 0 || arrivals.validDeadLettered() > 0) {
            text.append(String.format(Locale.ROOT, "                 UNEXPECTED: %d with another reason, %d valid events dead-lettered%n",
                    arrivals.wrongReason(), arrivals.validDeadLettered()));
        }
        text.append(collisionsLine(arrivals.written()));
        text.append(String.format(Locale.ROOT, "  elapsed        %7.1f s from the first event sent to the last one stored"
                + " (sending took %.1f s)%n", seconds, sent.elapsed().toNanos() / 1e9));
        text.append(String.format(Locale.ROOT, "  throughput     %,7.0f events/s end to end%n", sent.sent() / Math.max(1e-3, seconds)));
        return text.toString();
    }

    /** The timeline of the user with the most events on one day (the top of the Zipf curve); empty if none. */
    String timeline(CqlSession session, EventSender.Report sent) {
        return sent.busiest().map(busiest -> {
            EventSender.Partition partition = busiest.getKey();
            return System.lineSeparator()
                    + Timeline.render(partition.userId(), partition.bucketDate(),
                            QueryCommand.timeline(session, table, partition.userId(), partition.bucketDate(), TIMELINE_ROWS),
                            TIMELINE_ROWS)
                    + String.format(Locale.ROOT, "(all of it: pipeline query%s --user %s --date %s --limit %d)%n%n",
                            String.join("", QueryCommand.upOptions(table)), partition.userId(), partition.bucketDate(),
                            busiest.getValue());
        }).orElse("");
    }

    /**
     * The job's rowCollisions metric: distinct events (other event_id) that replaced a row of the same
     * primary key. Flink's REST API reports metrics with a delay, so it waits (briefly) until the
     * reported rowsWritten covers every row counted in Cassandra, which the collisions precede.
     */
    private String collisionsLine(long written) {
        OptionalLong collisions = OptionalLong.empty();
        try {
            Wait.until("the job's metrics to count every row", Duration.ofSeconds(20),
                    () -> metricSum("rowsWritten").orElse(-1) >= written);
            collisions = metricSum("rowCollisions");
        } catch (TimeoutException notReported) {
            // said below
        }
        return collisions.isPresent()
                ? String.format(Locale.ROOT, "  collisions     %,7d distinct events replaced a row with the same user, millisecond and "
                        + "type (README: Collisions)%n", collisions.getAsLong())
                : "  collisions           ? (the job did not report rowCollisions in time)" + System.lineSeparator();
    }

    /** The latest job's operator metric, summed; empty while it is not reported (or the REST API not reachable). */
    private OptionalLong metricSum(String name) {
        Optional<FlinkRest.JobOverview> job = rest.latestJobIfUp();
        if (job.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return rest.operatorMetricSum(job.get().id(), name);
        } catch (IOException notAvailable) {
            return OptionalLong.empty();
        }
    }

    private static String check(long actual, long expected, String what) {
        return actual == expected ? "= " + what + ", ok" : String.format(Locale.ROOT, "!= %s (%,d): MISMATCH", what, expected);
    }
}
