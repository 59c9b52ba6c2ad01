package dev.eventpipeline.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventpipeline.connectors.deadletter.DeadLetterHeaders;
import dev.eventpipeline.connectors.deadletter.ReplayProvenance;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.cli.PipelineCli;
import dev.eventpipeline.it.support.MiniClusters;
import dev.eventpipeline.it.support.Outcome;
import dev.eventpipeline.job.testing.KafkaTestClient;
import dev.eventpipeline.job.testing.TestPipelines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * `pipeline dlq replay` end to end (issue #13): events dead-lettered under a lowered limit, the job run again with
 * the limit raised, the dead letters replayed by reason. Rows are exact, a second replay of the same selection adds
 * none, and a payload that still fails goes back to the dead-letter topic with its attempt count raised until
 * --max-attempts stops it. Also `dlq stats` and `dlq tail` on these real dead letters. Each job run is bounded, from a
 * timestamp taken just before the records it must read: the job "restarted" with a new limit, without waiting.
 */
class DeadLetterReplayITCase {

    private static final String REASON = "EVENT_TYPE_TOO_LONG";
    private static final int VALID = 20;
    private static final int FIXABLE = 30;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.oneTaskManagerWithTwoSlots();

    private final LocalServers servers = LocalServers.shared();
    private final KafkaTestClient kafka = new KafkaTestClient(servers.bootstrapServers());
    private final String topic = servers.createFreshTopic("replay", 3);
    private final String deadLetters = servers.createFreshTopic("replay-dlq", 3);
    private final List<UUID> users = Stream.generate(UUID::randomUUID).limit(4).toList();
    private final Instant base = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

    @Test
    void replayByReasonWritesExactRowsOnceAndStopsAPayloadThatKeepsFailing() throws Exception {
        Set<UUID> validIds = new HashSet<>();
        Set<UUID> fixableIds = new HashSet<>();
        List<Map.Entry<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < VALID + FIXABLE; i++) {
            UUID id = UUID.randomUUID();
            (i < VALID ? validIds : fixableIds).add(id);
            records.add(event(i, i < VALID ? "view" : "add_to_cart", id)); // 11 characters: over the lowered limit of 8
        }
        UUID hopeless = UUID.randomUUID();
        records.add(event(100, "x".repeat(100), hopeless)); // over the raised limit (64) too
        records.add(new AbstractMap.SimpleEntry<>("k".getBytes(UTF_8), "{not json".getBytes(UTF_8)));
        kafka.send(topic, records);

        // 1. The job with event_type limited to 8 characters: 31 refused as too long, 1 malformed.
        TestPipelines.runToEnd(job("earliest", "8"));
        assertThat(rowIds()).containsExactlyInAnyOrderElementsOf(validIds);
        assertThat(kafka.readAll(deadLetters, Duration.ofMinutes(1))).hasSize(FIXABLE + 2);

        String stats = cli("stats");
        assertThat(stats).contains((FIXABLE + 2) + " dead letters (" + (FIXABLE + 2) + " events)")
                .containsPattern(REASON + " +" + (FIXABLE + 1))
                .containsPattern("MALFORMED_JSON +1")
                .contains("by source partition", "by hour (UTC)");
        String tail = cli("tail", "--reason", "MALFORMED_JSON", "--format", "json");
        JsonNode malformed = new ObjectMapper().readTree(tail.strip());
        assertThat(malformed.get("value").asText()).isEqualTo("{not json");
        assertThat(malformed.get("source").get("topic").asText()).isEqualTo(topic);
        assertThat(cli("tail", "--reason", REASON, "-n", "3").split("\\R"))
                .filteredOn(line -> line.contains("  " + REASON)).hasSize(3);

        // 2. The limit raised (the default 64), the dead letters replayed: every fixable event becomes its row.
        Instant first = Instant.now();
        String replay = cli("replay", "--reason", REASON, "--max-attempts", "2");
        assertThat(replay).contains((FIXABLE + 1) + " to send, 0 skipped").contains("Replayed " + (FIXABLE + 1) + " events");
        TestPipelines.runToEnd(job("timestamp:" + first.toEpochMilli(), "64"));
        Set<UUID> expected = new HashSet<>(validIds);
        expected.addAll(fixableIds);
        assertThat(rowIds()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(attemptsOf(hopeless)).containsExactly(0, 1);

        // 3. The same selection again: the same rows, none added; the hopeless payload at attempt 2.
        Instant second = Instant.now();
        assertThat(cli("replay", "--reason", REASON, "--max-attempts", "2", "--dry-run"))
                .contains((FIXABLE + 1) + " to send").contains("Dry run: nothing sent");
        assertThat(replayedSince(second)).as("a dry run sends nothing").isEmpty();
        cli("replay", "--reason", REASON, "--max-attempts", "2");
        TestPipelines.runToEnd(job("timestamp:" + second.toEpochMilli(), "64"));
        assertThat(rowIds()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(attemptsOf(hopeless)).containsExactly(0, 1, 2);

        // 4. Its dead letter has 2 refused replays: --max-attempts 2 skips it; the others are sent once more.
        Instant third = Instant.now();
        assertThat(cli("replay", "--reason", REASON, "--max-attempts", "2"))
                .contains(FIXABLE + " to send, 1 skipped at --max-attempts 2");
        List<ConsumerRecord<byte[], byte[]>> sent = replayedSince(third);
        assertThat(sent).hasSize(FIXABLE).noneMatch(record -> new String(record.value(), UTF_8).contains(hopeless.toString()));
        assertThat(sent).allSatisfy(record -> assertThat(ReplayProvenance.fromHeaders(record.headers()).attempt).isEqualTo(1));
        assertThat(cli("tail", "--reason", REASON, "-n", "1")).contains("replay attempts 2").contains("origin:");
    }

    private String[] job(String startingOffsets, String maxEventTypeLength) {
        return TestPipelines.arguments(servers, topic, deadLetters, "--kafka.starting-offsets", startingOffsets,
                "--kafka.group-id", "replay-" + UUID.randomUUID(), "--validation.max-event-type-length", maxEventTypeLength);
    }

    private Map.Entry<byte[], byte[]> event(int i, String type, UUID eventId) {
        UUID user = users.get(i % users.size());
        String json = "{\"user_id\":\"" + user + "\",\"event_type\":\"" + type + "\",\"event_time\":\""
                + base.plusMillis(i) + "\",\"event_id\":\"" + eventId + "\",\"metadata\":{\"n\":\"" + i + "\"}}";
        return new AbstractMap.SimpleEntry<>(user.toString().getBytes(UTF_8), json.getBytes(UTF_8));
    }

    /** The event ids of every row of the test's users (their events are 10 minutes old, ms apart), duplicates kept. */
    private List<UUID> rowIds() {
        Set<LocalDate> days = new java.util.TreeSet<>(List.of(base.atZone(ZoneOffset.UTC).toLocalDate(),
                base.plusSeconds(1).atZone(ZoneOffset.UTC).toLocalDate()));
        List<UUID> ids = new ArrayList<>();
        for (UUID user : users) {
            for (LocalDate day : days) {
                servers.session().execute("SELECT event_id FROM event_streaming.user_events WHERE user_id = ? "
                        + "AND bucket_date = ?", user, day).forEach((Row row) -> ids.add(row.getUuid("event_id")));
            }
        }
        return ids;
    }

    /** The replay attempts of the hopeless event's dead letters, in the order written. */
    private List<Integer> attemptsOf(UUID eventId) {
        return kafka.readAll(deadLetters, Duration.ofMinutes(1)).stream()
                .filter(record -> new String(record.value(), UTF_8).contains(eventId.toString()))
                .sorted((a, b) -> Long.compare(a.timestamp(), b.timestamp()))
                .map(record -> {
                    ReplayProvenance replay = ReplayProvenance.fromHeaders(record.headers());
                    if (replay != null) {
                        // the original coordinates, whatever copy the job read
                        assertThat(replay.originTopic).isEqualTo(topic);
                        assertThat(Outcome.header(record, DeadLetterHeaders.REASON)).isEqualTo(REASON);
                    }
                    return replay == null ? 0 : replay.attempt;
                })
                .toList();
    }

    /** Records of the source topic written at or after {@code since}: what a replay sent. */
    private List<ConsumerRecord<byte[], byte[]>> replayedSince(Instant since) {
        return kafka.readAll(topic, Duration.ofMinutes(1)).stream()
                .filter(record -> record.timestamp() >= since.toEpochMilli())
                .toList();
    }

    /** `pipeline dlq <args>` against this test's Kafka and topics; asserts exit code 0 and returns what it printed. */
    private String cli(String subcommand, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = PipelineCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = Stream.concat(Stream.of("dlq", subcommand, "--bootstrap-servers", servers.bootstrapServers(),
                "--dlq-topic", deadLetters), Arrays.stream(args)).toArray(String[]::new);
        int exit = cli.execute(all);
        assertThat(exit).as(String.join(" ", all) + "\n" + out + err).isZero();
        return out.toString();
    }
}
