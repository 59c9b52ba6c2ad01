package dev.eventpipeline.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.eventpipeline.infra.LocalCassandra;
import dev.eventpipeline.infra.generate.PayloadLimits;
import dev.eventpipeline.infra.kafka.KafkaTopics;
import dev.eventpipeline.infra.process.ListeningSockets;
import dev.eventpipeline.infra.process.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `pipeline demo` end to end on free ports in a temporary work dir: real Kafka and Cassandra, the job in its
 * child JVM, sample events of every reject reason. Kept running, so the test can check the table and the
 * dead-letter topic itself, query a timeline, and see that `down` leaves nothing behind.
 */
class DemoEndToEndITCase {

    private static final Pattern SENT = Pattern.compile("sent\\s+([\\d,]+) events: ([\\d,]+) valid, ([\\d,]+) invalid \\((\\d+) reject reasons\\)");
    private static final Pattern TIMELINE_HINT = Pattern.compile("pipeline query --user (\\S+) --date (\\S+) --limit (\\d+)");

    @TempDir
    Path workDir;

    private final int[] ports = Ports.freePorts(5);

    @AfterEach
    void neverLeaveProcessesBehind() {
        CliRun.of("down", "--work-dir", workDir.toString());
    }

    @Test
    void demoWritesEveryValidEventAndDeadLettersEveryInvalidOne() throws Exception {
        CliRun demo = CliRun.of(CliRun.onStack(workDir, ports, "demo", "--events", "3000", "--users", "100", "--invalid-fraction", "0.05",
                "--web-ui-port", Integer.toString(ports[4]), "--job-heap", "768m", "--keep-running"));

        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        assertThat(demo.out()).contains("= valid sent, ok", "= invalid sent, ok", "Demo passed", "Left running");
        // The generator never gives two events of one user the same millisecond and type.
        assertThat(demo.out()).containsPattern("collisions +0 distinct events replaced a row");
        Matcher sent = SENT.matcher(demo.out());
        assertThat(sent.find()).as(demo.out()).isTrue();
        long valid = number(sent.group(2));
        long invalid = number(sent.group(3));
        assertThat(number(sent.group(1))).isEqualTo(3000);
        assertThat(invalid).isEqualTo(150);
        assertThat(valid).isEqualTo(2850);
        assertThat(Integer.parseInt(sent.group(4))).as("every reject reason the generator has a recipe for")
                .isEqualTo(PayloadLimits.EVERY_REASON.reachableReasons().size());

        // Independently of the demo's own counting: the table holds exactly the valid events (fresh stack) …
        LocalCassandra cassandra = LocalCassandra.builder().workDir(workDir).cqlPort(ports[2]).storagePort(ports[3]).build();
        try (CqlSession session = cassandra.openSession()) {
            assertThat(session.execute("SELECT COUNT(*) FROM event_streaming.user_events").one().getLong(0)).isEqualTo(valid);
        }
        // … and the dead-letter topic at least every invalid one (at least once: a restart may repeat some).
        assertThat(deadLetterRecords()).isGreaterThanOrEqualTo(invalid);

        // The timeline the demo points to is there, newest first.
        Matcher hint = TIMELINE_HINT.matcher(demo.out());
        assertThat(hint.find()).isTrue();
        CliRun query = CliRun.of("query", "--work-dir", workDir.toString(), "--user", hint.group(1), "--date", hint.group(2),
                "--limit", hint.group(3));
        assertThat(query.exitCode()).as(query.err()).isZero();
        assertThat(query.out()).contains("Timeline of user " + hint.group(1), "newest first: " + hint.group(3) + " events");
        List<String> times = query.out().lines().filter(line -> line.matches("\\d\\d:\\d\\d:.*"))
                .map(line -> line.substring(0, 12)).toList();
        assertThat(times).hasSize(Integer.parseInt(hint.group(3)));
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        CliRun status = CliRun.of("status", "--work-dir", workDir.toString());
        assertThat(status.out()).contains("Kafka      running", "Cassandra  running", "Job        running");
        long jobPid = Long.parseLong(Files.readString(workDir.resolve("run/job.pid")).trim());

        // Nothing listens beyond loopback: not the servers, not the job's MiniCluster (REST, RPC, blob, data).
        List<Long> pids = new java.util.ArrayList<>(List.of(jobPid));
        for (String server : List.of("kafka", "cassandra")) {
            pids.add(Long.parseLong(Files.readString(workDir.resolve("run/" + server + ".pid")).trim()));
        }
        assertThat(ListeningSockets.of(pids)).as("the stack's and the job's listening sockets")
                .anySatisfy(socket -> assertThat(socket.port()).isEqualTo(ports[4]));
        assertThat(ListeningSockets.beyondLoopback(pids)).isEmpty();
        // And the Web UI takes no JARs and cancels nothing.
        String flinkConfig = httpGet("http://127.0.0.1:" + ports[4] + "/config");
        assertThat(flinkConfig).contains("\"web-submit\":false", "\"web-cancel\":false");

        CliRun down = CliRun.of("down", "--work-dir", workDir.toString());
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(down.out()).contains("Job        stopped", "Kafka      stopped", "Cassandra  stopped");
        assertThat(ProcessHandle.of(jobPid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(java.util.Arrays.stream(ports).boxed().filter(Ports::isListening)).isEmpty();
    }

    private long deadLetterRecords() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + ports[0]);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(KafkaTopics.USER_EVENTS_DLQ, Duration.ofSeconds(30))
                    .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            return end.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static String httpGet(String url) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private static long number(String text) {
        return Long.parseLong(text.replace(",", ""));
    }

}
