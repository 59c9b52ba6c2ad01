package dev.eventpipeline.it.support;

import dev.eventpipeline.infra.cassandra.UserEventsTable;
import dev.eventpipeline.job.testing.KafkaTestClient;
import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.IsolationLevel;

/**
 * Waits for a running (unbounded) job to have written everything, by polling Cassandra and the
 * dead-letter topic until the outcome is complete or the deadline passes; then returns the last
 * outcome seen, for the test to assert and report. A poll that throws (e.g. Cassandra still
 * restarting) counts as not yet.
 */
public final class Converge {

    private Converge() {}

    public static Outcome.Rows rows(UserEventsTable table, List<UserEventCassandraModel> expected, Duration timeout) {
        AtomicReference<Outcome.Rows> last = new AtomicReference<>();
        try {
            Await.until("all " + expected.size() + " rows written", timeout, () -> {
                Outcome.Rows outcome = Outcome.rows(expected, table.rowsInPartitionsOf(expected));
                last.set(outcome);
                return outcome.lost() == 0;
            });
        } catch (AssertionError e) {
            if (last.get() == null) {
                throw e;
            }
        }
        return last.get();
    }

    public static Outcome.DeadLetters deadLetters(KafkaTestClient kafka, String topic,
            Map<ByteBuffer, RejectReason> expected, Duration timeout) {
        return deadLetters(kafka, topic, IsolationLevel.READ_UNCOMMITTED, expected, timeout);
    }

    /** As a consumer with this isolation level sees them ({@code read_committed}: committed transactions only). */
    public static Outcome.DeadLetters deadLetters(KafkaTestClient kafka, String topic, IsolationLevel isolation,
            Map<ByteBuffer, RejectReason> expected, Duration timeout) {
        AtomicReference<Outcome.DeadLetters> last = new AtomicReference<>();
        try {
            Await.until("all " + expected.size() + " dead letters written", timeout, () -> {
                Outcome.DeadLetters outcome = Outcome.deadLetters(expected,
                        kafka.readAll(topic, Duration.ofSeconds(30), isolation));
                last.set(outcome);
                return outcome.lost() == 0;
            });
        } catch (AssertionError e) {
            if (last.get() == null) {
                throw e;
            }
        }
        return last.get();
    }
}
