package dev.eventpipeline.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.eventpipeline.infra.process.Ports;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's life cycle against real servers, on free ports in a temporary work dir. */
class UpStatusDownITCase {

    @TempDir
    Path workDir;

    private static final String USER = "589e4567-e89b-12d3-a456-426614174000";
    private static final String DAY = "2025-11-25";

    private final int[] ports = Ports.freePorts(4);

    @AfterEach
    void neverLeaveServersBehind() {
        CliRun.of("down", "--work-dir", workDir.toString());
    }

    @Test
    void upTwiceThenStatusThenDownLeavesNoProcess() throws Exception {
        CliRun up = CliRun.of(CliRun.onStack(workDir, ports, "up"));
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out()).contains("Kafka      ready on 127.0.0.1:" + ports[0], "Topics     created user-events",
                "Schema     applied", "Up in ");

        assertThat(up.out()).contains("Schema     applied (infra/cassandra/schema.cql)")
                .doesNotContain("schema-event-id.cql");
        CliRun noEventIdTable = CliRun.of(CliRun.onStack(workDir, ports, "query", "--table-layout", "event-id", "--user", USER, "--date", DAY));
        assertThat(noEventIdTable.exitCode()).isEqualTo(1);
        assertThat(noEventIdTable.err()).contains("Table event_streaming.user_events_by_event_id does not exist; "
                + "create it with `pipeline up --table-layout event-id`");

        // Again, with the event-id layout: the servers are reused and its table is added.
        CliRun again = CliRun.of(CliRun.onStack(workDir, ports, "up", "--table-layout", "event-id"));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("Kafka      already running", "Cassandra  already running", "Topics     already there",
                "Schema     applied (infra/cassandra/schema.cql, infra/cassandra/schema-event-id.cql)");
        assertEventIdTableKeepsEventsOfTheSameMillisecondAndType();

        // Other names, as the job's cassandra.keyspace/cassandra.table: `query` says how to create the table, `up` does.
        String[] otherTable = {"--cassandra.keyspace", "shop", "--cassandra.table", "clicks"};
        CliRun missing = CliRun.of(CliRun.onStack(workDir, ports, "query", concat(otherTable, "--user", USER, "--date", DAY)));
        assertThat(missing.err()).contains("Table shop.clicks does not exist; create it with "
                + "`pipeline up --cassandra.keyspace shop --cassandra.table clicks`");
        CliRun upOther = CliRun.of(CliRun.onStack(workDir, ports, "up", otherTable));
        assertThat(upOther.out()).as(upOther.err()).contains("Schema     applied (infra/cassandra/schema.cql) as shop.clicks");
        CliRun queryOther = CliRun.of(CliRun.onStack(workDir, ports, "query", concat(otherTable, "--user", USER, "--date", DAY)));
        assertThat(queryOther.out()).as(queryOther.err())
                .contains("No events for user " + USER + " on " + DAY + " (UTC) in shop.clicks.");

        // Ports given to `up` are remembered: no options needed any more.
        CliRun status = CliRun.of("status", "--work-dir", workDir.toString());
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("Kafka      running", "127.0.0.1:" + ports[0], "Cassandra  running",
                "127.0.0.1:" + ports[2]);
        long[] pids = Stream.of("kafka", "cassandra").mapToLong(this::recordedPid).toArray();

        CliRun down = CliRun.of("down", "--work-dir", workDir.toString());
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(down.out()).contains("Kafka      stopped", "Cassandra  stopped");
        assertThat(Arrays.stream(pids).boxed().map(ProcessHandle::of))
                .allSatisfy(process -> assertThat(process.filter(ProcessHandle::isAlive)).isEmpty());
        assertThat(Arrays.stream(ports).boxed().filter(Ports::isListening)).isEmpty();
    }

    @Test
    void anUnknownTableLayoutIsAUsageError() {
        CliRun up = CliRun.of("up", "--work-dir", workDir.toString(), "--table-layout", "by-id");

        assertThat(up.exitCode()).isEqualTo(2);
        assertThat(up.err()).contains("'by-id' is not a table layout: expected one of seed, event-id");
        assertThat(workDir.resolve("run")).doesNotExist(); // refused before anything started
    }

    /** Two events of one user with the same millisecond and type, as two rows, both shown by `query`. */
    private void assertEventIdTableKeepsEventsOfTheSameMillisecondAndType() {
        UUID first = UUID.fromString("00000000-0000-4000-8000-000000000001");
        UUID second = UUID.fromString("00000000-0000-4000-8000-000000000002");
        Instant time = Instant.parse(DAY + "T10:15:30.123Z");
        try (CqlSession session = CqlSession.builder()
                .addContactPoint(new InetSocketAddress(Ports.LOOPBACK, ports[2]))
                .withLocalDatacenter("datacenter1")
                .build()) {
            for (UUID eventId : List.of(first, second)) {
                session.execute(SimpleStatement.newInstance("INSERT INTO event_streaming.user_events_by_event_id "
                                + "(user_id, bucket_date, event_time, event_type, event_id, metadata) VALUES (?, ?, ?, ?, ?, ?)",
                        UUID.fromString(USER), LocalDate.parse(DAY), time, "view", eventId, Map.of("page", "/p/" + eventId))
                        .setTimeout(Duration.ofSeconds(30)));
            }
        }

        CliRun eventId = CliRun.of(CliRun.onStack(workDir, ports, "query", "--table-layout", "event-id", "--user", USER, "--date", DAY));
        assertThat(eventId.exitCode()).as(eventId.err()).isZero();
        assertThat(eventId.out()).contains("in event_streaming.user_events_by_event_id, newest first: 2 events",
                first.toString(), second.toString(), "page=/p/" + first, "page=/p/" + second);

        CliRun seed = CliRun.of(CliRun.onStack(workDir, ports, "query", "--user", USER, "--date", DAY));
        assertThat(seed.exitCode()).as(seed.err()).isZero();
        assertThat(seed.out()).contains("No events for user " + USER + " on " + DAY + " (UTC) in event_streaming.user_events.");
    }

    private static String[] concat(String[] first, String... second) {
        return Stream.concat(Arrays.stream(first), Arrays.stream(second)).toArray(String[]::new);
    }

    private long recordedPid(String server) {
        try {
            return Long.parseLong(Files.readString(workDir.resolve("run/" + server + ".pid")).trim());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
