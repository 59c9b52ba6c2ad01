package dev.eventpipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCassandraITCase {

    private static final String INSERT = "INSERT INTO event_streaming.user_events"
            + " (user_id, bucket_date, event_time, event_type, event_id, metadata) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT event_time, event_type, event_id, metadata"
            + " FROM event_streaming.user_events WHERE user_id = ? AND bucket_date = ?";

    @TempDir
    static Path workDir;

    static LocalCassandra cassandra;

    @BeforeAll
    static void startCassandra() {
        cassandra = LocalCassandra.builder().workDir(workDir).freePorts().build();
        cassandra.start();
        cassandra.applySchema();
    }

    @AfterAll
    static void stopCassandra() {
        cassandra.stop();
    }

    @Test
    void insertsAndReadsAUserEventWithEveryColumnType() {
        UUID userId = UUID.randomUUID();
        LocalDate bucket = LocalDate.of(2026, 11, 25);
        Instant eventTime = Instant.parse("2026-11-25T10:15:30.123Z");
        UUID eventId = UUID.randomUUID();
        Map<String, String> metadata = Map.of("page", "/checkout", "device", "mobile");

        try (CqlSession session = cassandra.openSession()) {
            session.execute(SimpleStatement.newInstance(INSERT, userId, bucket, eventTime, "click", eventId, metadata));

            Row row = session.execute(SimpleStatement.newInstance(SELECT, userId, bucket)).one();

            assertThat(row).isNotNull();
            assertThat(row.getInstant("event_time")).isEqualTo(eventTime);
            assertThat(row.getString("event_type")).isEqualTo("click");
            assertThat(row.getUuid("event_id")).isEqualTo(eventId);
            assertThat(row.getMap("metadata", String.class, String.class)).isEqualTo(metadata);
        }
    }

    @Test
    void keepsRowsAcrossAGracefulStopAndStart() {
        UUID userId = insertOneEvent();

        assertThat(cassandra.stop()).as("stopped gracefully").isTrue();
        assertThat(cassandra.isRunning()).isFalse();
        cassandra.start();

        assertThat(countEvents(userId)).isEqualTo(1);
    }

    @Test
    void comesBackAfterBeingKilled() {
        UUID userId = insertOneEvent();
        long killedPid = cassandra.pid().orElseThrow();

        cassandra.kill();
        assertThat(ProcessHandle.of(killedPid).filter(ProcessHandle::isAlive)).isEmpty();
        cassandra.start();

        assertThat(cassandra.pid()).isPresent().get().isNotEqualTo(killedPid);
        // Group commit log: a write is acknowledged only once its commit log section is synced (marker and all),
        // so replay after SIGKILL finds it.
        assertThat(countEvents(userId)).isEqualTo(1);
    }

    @Test
    void appliesTheSchemaIdempotently() {
        cassandra.applySchema();

        try (CqlSession session = cassandra.openSession()) {
            assertThat(session.getMetadata().getKeyspace("event_streaming")
                    .flatMap(keyspace -> keyspace.getTable("user_events"))).isPresent();
        }
    }

    private static UUID insertOneEvent() {
        UUID userId = UUID.randomUUID();
        try (CqlSession session = cassandra.openSession()) {
            session.execute(SimpleStatement.newInstance(INSERT, userId, LocalDate.now(),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), "view", UUID.randomUUID(), Map.of()));
        }
        return userId;
    }

    private static long countEvents(UUID userId) {
        try (CqlSession session = cassandra.openSession()) {
            return session.execute(SimpleStatement.newInstance(
                    "SELECT count(*) FROM event_streaming.user_events WHERE user_id = ? AND bucket_date = ?",
                    userId, LocalDate.now())).one().getLong(0);
        }
    }
}
