package dev.eventpipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.eventpipeline.infra.cassandra.UserEventsTable;
import dev.eventpipeline.infra.process.Wait;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A three-node cluster keeps every acknowledged write through a node's SIGKILL: the others take it, hints bring it back. */
class LocalCassandraClusterITCase {

    private static final String INSERT = "INSERT INTO event_streaming.user_events"
            + " (user_id, bucket_date, event_time, event_type, event_id, metadata) VALUES (?, ?, ?, ?, ?, ?)";
    private static final int ROWS_PER_PHASE = 200;

    @TempDir
    static Path workDir;

    static LocalCassandraCluster cluster;

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.stop();
        }
    }

    @Test
    void keepsEveryQuorumWriteThroughTheKillOfAReplica() throws Exception {
        cluster = LocalCassandraCluster.builder().workDir(workDir).freePorts().build();
        long coldStart = timed(cluster::start);
        cluster.applySchema();
        report("cold start of 3 nodes: " + coldStart + " ms; RSS " + rssPerNode());

        List<UserEventCassandraModel> rows = new ArrayList<>();
        try (CqlSession session = cluster.openSession()) {
            assertThat(session.getMetadata().getNodes()).hasSize(3);
            assertThat(session.getMetadata().getKeyspace("event_streaming").orElseThrow().getReplication())
                    .containsEntry("class", "org.apache.cassandra.locator.NetworkTopologyStrategy")
                    .containsEntry("datacenter1", "3");
            rows.addAll(writeAtLocalQuorum(session, "before-kill"));

            long killedPid = cluster.node(3).pid().orElseThrow();
            cluster.killNode(3);
            assertThat(ProcessHandle.of(killedPid).filter(ProcessHandle::isAlive)).isEmpty();

            rows.addAll(writeAtLocalQuorum(session, "node-3-down"));
        }
        // The coordinators kept what node 3 missed as hints, on disk within a second.
        Wait.until("hints for node 3", Duration.ofSeconds(60),
                () -> cluster.pendingHintFiles(1) + cluster.pendingHintFiles(2) > 0);

        long nodeRestart = timed(() -> cluster.startNode(3));
        long hintDelivery = timed(() -> {
            try {
                cluster.awaitHintsDelivered(Duration.ofSeconds(120));
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError(e);
            }
        });
        report("node 3 restart: " + nodeRestart + " ms; hints delivered after " + hintDelivery + " ms");
        assertThat(cluster.pendingHintFiles(1) + cluster.pendingHintFiles(2) + cluster.pendingHintFiles(3)).isZero();

        assertThat(cluster.node(1).stop()).as("node 1 stopped gracefully").isTrue();
        assertThat(cluster.node(2).stop()).as("node 2 stopped gracefully").isTrue();
        try (CqlSession nodeThreeAlone = cluster.node(3).openSession()) {
            List<UserEventCassandraModel> onNodeThree = new UserEventsTable(nodeThreeAlone)
                    .readingAt(DefaultConsistencyLevel.ONE).rowsInPartitionsOf(rows);
            assertThat(onNodeThree).containsExactlyInAnyOrderElementsOf(rows);
        }

        List<Long> pids = cluster.nodes().stream().flatMap(node -> node.pid().stream()).toList();
        assertThat(cluster.stop()).as("stopped gracefully").isTrue();
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
        assertThat(cluster.nodes()).noneMatch(LocalCassandra::isRunning);

        long warmStart = timed(cluster::start);
        report("warm start of 3 nodes: " + warmStart + " ms; RSS " + rssPerNode());
        try (CqlSession session = cluster.openSession()) {
            assertThat(new UserEventsTable(session).readingAt(DefaultConsistencyLevel.QUORUM).rowsInPartitionsOf(rows))
                    .containsExactlyInAnyOrderElementsOf(rows);
        }
        assertThat(cluster.stop()).isTrue();
        assertThat(cluster.nodes()).noneMatch(LocalCassandra::isRunning);
    }

    private static List<UserEventCassandraModel> writeAtLocalQuorum(CqlSession session, String eventType) {
        List<UserEventCassandraModel> written = new ArrayList<>();
        for (int i = 0; i < ROWS_PER_PHASE; i++) {
            Instant eventTime = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            UserEventCassandraModel row = UserEventCassandraModel.builder()
                    .userId(UUID.randomUUID())
                    .bucketDate(LocalDate.ofInstant(eventTime, ZoneOffset.UTC))
                    .eventTime(eventTime)
                    .eventType(eventType)
                    .eventId(UUID.randomUUID())
                    .metadata(Map.of("n", Integer.toString(i)))
                    .build();
            session.execute(SimpleStatement.newInstance(INSERT, row.userId(), row.bucketDate(), row.eventTime(),
                            row.eventType(), row.eventId(), row.metadata())
                    .setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM)
                    // An insert of fixed values: safe for the driver to retry on another node when one dies.
                    .setIdempotent(true));
            written.add(row);
        }
        return written;
    }

    private static long timed(Runnable action) {
        long started = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    private static String rssPerNode() throws IOException, InterruptedException {
        List<String> rss = new ArrayList<>();
        for (LocalCassandra node : cluster.nodes()) {
            Process ps = new ProcessBuilder("ps", "-o", "rss=", "-p", Long.toString(node.pid().orElseThrow())).start();
            String kib = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            ps.waitFor();
            rss.add(node.displayName() + " " + Long.parseLong(kib) / 1024 + " MiB");
        }
        return String.join(", ", rss);
    }

    private static void report(String line) {
        System.out.println("[LocalCassandraClusterITCase] " + line);
    }
}
