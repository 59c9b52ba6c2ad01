package dev.eventpipeline.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** picocli reports a description it cannot format (e.g. an unescaped %) on System.err, not the command's err. */
    @Test
    void everyCommandsHelpPrintsWithoutAPicocliWarning() {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        List<String> commands = new ArrayList<>(PipelineCli.commandLine().getSubcommands().keySet());
        try {
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            CliRun root = CliRun.of("--help");
            assertThat(root.err()).isEmpty();
            for (String command : commands) {
                CliRun help = CliRun.of(command, "--help");
                assertThat(help.exitCode()).as(command).isZero();
                assertThat(help.err()).as(command).isEmpty();
                assertThat(help.out()).as(command).contains("Usage: pipeline " + command);
            }
        } finally {
            System.setErr(originalErr);
        }
        assertThat(commands).contains("demo", "generate", "run", "up", "query");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void theGeneratorOptionsShowEachCommandsOwnDefaults() {
        String generate = CliRun.of("generate", "--help").out();
        String demo = CliRun.of("demo", "--help").out();

        assertThat(generate).containsPattern("--users=U +Distinct users \\(default 1000\\)")
                .containsPattern("--rate=R[^\\n]*\\n[^\\n]*\\(default 1000\\.0\\)")
                .containsPattern("--invalid-fraction=F[^\\n]*\\n[^\\n]*\\(default 0\\.0\\)");
        assertThat(demo).containsPattern("--users=U +Distinct users \\(default 500\\)")
                .containsPattern("--rate=R[^\\n]*\\n[^\\n]*\\(default 0\\.0\\)")
                .containsPattern("--invalid-fraction=F[^\\n]*\\n[^\\n]*\\(default 0\\.03\\)")
                .contains("--skew=S", "--seed=SEED", "--web-ui-port=PORT", "--job-heap=SIZE");
        assertThat(generate).containsPattern("random = new users each run \\(default\\s+random\\)");
    }

    @Test
    void theGeneratorOptionsAreValidatedForEveryCommand() {
        for (String command : List.of("generate", "demo")) {
            CliRun run = CliRun.of(command, "--work-dir", workDir.toString(), "--skew", "-1");

            assertThat(run.exitCode()).as(command).isEqualTo(2);
            assertThat(run.err()).as(command).contains("--skew must be 0 or positive: -1.0");

            CliRun badSeed = CliRun.of(command, "--work-dir", workDir.toString(), "--seed", "12x");
            assertThat(badSeed.exitCode()).as(command).isEqualTo(2);
            assertThat(badSeed.err()).as(command).contains("--seed must be a whole number or random: 12x");

            CliRun noEvents = CliRun.of(command, "--work-dir", workDir.toString(), "--events", "0");
            assertThat(noEvents.exitCode()).as(command).isEqualTo(2);
            assertThat(noEvents.err()).as(command).contains("--events must be at least 1: 0");
        }
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
