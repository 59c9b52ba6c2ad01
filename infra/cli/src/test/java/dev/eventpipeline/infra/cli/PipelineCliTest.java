package dev.eventpipeline.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands that need no running servers. */
class PipelineCliTest {

    @TempDir
    Path workDir;

    @Test
    void helpListsEverySubcommand() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("up", "status", "down", "clean", "logs");
    }

    @Test
    void statusOfAStackThatNeverRanSaysStoppedAndExitsThree() {
        CliRun run = CliRun.of("status", "--work-dir", workDir.toString(), "--kafka-port", "1", "--cassandra-port", "2");

        assertThat(run.exitCode()).isEqualTo(StatusCommand.NOT_ALL_RUNNING);
        assertThat(run.out()).contains("Kafka      stopped", "Cassandra  stopped");
    }

    @Test
    void downWhenNothingRunsIsHarmless() {
        CliRun run = CliRun.of("down", "--work-dir", workDir.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Kafka      was not running", "Cassandra  was not running");
    }

    @Test
    void cleanDeletesDataAndLogs() throws Exception {
        Files.createDirectories(workDir.resolve("kafka/data"));
        Files.createDirectories(workDir.resolve("logs"));
        Files.writeString(workDir.resolve("logs/kafka.log"), "old");

        CliRun run = CliRun.of("clean", "--work-dir", workDir.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(workDir.resolve("kafka")).doesNotExist();
        assertThat(workDir.resolve("logs/kafka.log")).doesNotExist();
    }

    @Test
    void logsWithoutALogFileSaysSo() {
        CliRun run = CliRun.of("logs", "cassandra", "--work-dir", workDir.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no log yet at " + workDir.resolve("logs/cassandra.log"));
    }

    @Test
    void anUnknownServerIsAUsageError() {
        CliRun run = CliRun.of("logs", "zookeeper");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("zookeeper");
    }
}
