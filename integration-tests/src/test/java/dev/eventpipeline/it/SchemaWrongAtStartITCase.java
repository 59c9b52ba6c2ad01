package dev.eventpipeline.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.it.support.FlinkCli;
import dev.eventpipeline.it.support.ScenarioReport;
import dev.eventpipeline.job.EventPipelineJob;
import dev.eventpipeline.job.testing.TestPipelines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Schema wrong at start: the shaded job JAR is submitted with Flink's own front end ({@code flink
 * run -d}, CliFrontend in its own JVM, on the same Flink 1.20 class path as the session cluster of
 * FlinkSessionClusterITCase) while the table it is pointed at has a column of the wrong type. The
 * start-up checks run in the job's main(), that is in this client, before anything is submitted, so
 * no cluster is needed: the configured REST port has nobody listening, and a submission attempt
 * would fail differently (exit 1, a connection error). The run must end with exit status 2 and the
 * message naming the column, both types and the fix.
 */
class SchemaWrongAtStartITCase {

    private static final String KEYSPACE = "schema_wrong_it";

    @RegisterExtension
    final ScenarioReport report = new ScenarioReport("10. Schema wrong at start (flink run refused)");

    @Test
    void flinkRunRefusesAJobWhoseTableHasAColumnOfTheWrongType() throws Exception {
        Path jar = FlinkCli.jobJar();
        LocalServers servers = LocalServers.shared();
        for (String ddl : List.of(
                "CREATE KEYSPACE IF NOT EXISTS " + KEYSPACE
                        + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
                "CREATE TABLE IF NOT EXISTS " + KEYSPACE + ".user_events (user_id UUID, bucket_date DATE, "
                        + "event_time TIMESTAMP, event_type TEXT, event_id UUID, metadata MAP<TEXT, INT>, "
                        + "PRIMARY KEY ((user_id, bucket_date), event_time, event_type))")) {
            servers.session().execute(SimpleStatement.newInstance(ddl).setTimeout(Duration.ofSeconds(60)));
        }
        String topic = servers.createFreshTopic("schema-wrong", 1);
        String deadLetters = servers.createFreshTopic("schema-wrong-dlq", 1);
        Path home = Files.createDirectories(ScenarioReport.reportDir().resolve("schema-wrong-at-start-" + System.currentTimeMillis()));
        report.keepOnFailure(home);

        List<String> arguments = Arrays.asList(TestPipelines.arguments(servers, topic, deadLetters,
                "--cassandra.keyspace", KEYSPACE, "--job.name", "schema-wrong-at-start"));
        long started = System.nanoTime();
        FlinkCli.Run run = FlinkCli.withoutCluster(home).runDetached(jar, arguments, Duration.ofMinutes(2));
        double seconds = (System.nanoTime() - started) / 1e9;
        report.step("flink run exited " + run.exitCode() + " after " + String.format("%.1f", seconds) + " s");
        String expected = "table " + KEYSPACE + ".user_events: column metadata is map<text, int>, expected "
                + "map<text, text>: recreate it as infra/cassandra/schema.cql does (cassandra.table-layout=seed), or "
                + "set cassandra.table to a table that has this shape";
        report.outcome(0, 0, 0, "flink run exited " + run.exitCode() + (run.output().contains(expected)
                ? " with the column's type named" : " without the expected message") + ", nothing submitted");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(EventPipelineJob.INVALID_CONFIGURATION);
        assertThat(run.output()).contains("Start-up checks failed (1 problem); the job was not started:\n  - " + expected);
        assertThat(run.output()).doesNotContain("Job has been submitted", "JobID");
    }
}
