package dev.eventpipeline.infra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The bench's command line, without running a benchmark. */
class BenchCommandTest {

    @Test
    void e2eTakesTheGeneratorOptionsWithTheBenchmarksOwnReproducibleDefaults() {
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out));

        assertThat(command.execute("e2e", "--help")).isZero();
        assertThat(out.toString())
                .containsPattern("--users=U +Distinct users \\(default 10000\\)")
                .containsPattern("--skew=S[^\\n]*\\n[^\\n]*\\(default 1\\.0\\)")
                .containsPattern("\\(default\\s+42\\)")
                .doesNotContain("--invalid-fraction", "--rate=");
    }

    @Test
    void aGeneratorOptionOutOfRangeIsAUsageErrorBeforeAnythingStarts() {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new BenchCommand()).setErr(new PrintWriter(err));

        assertThat(command.execute("e2e", "--users", "0", "--work-dir", "/nonexistent/never-created")).isEqualTo(2);
        assertThat(err.toString()).contains("--users must be at least 1: 0");
    }

    @Test
    void theNodeStartsFromCassandrasStockCommitLogUnlessTheUserSaysOtherwise() {
        assertThat(BenchCommand.nodeSettings(Map.of()))
                .containsExactly(Map.entry("commitlog_sync", "periodic"), Map.entry("commitlog_sync_period", "10000ms"));
        assertThat(BenchCommand.nodeSettings(Map.of("commitlog_sync", "group")))
                .containsEntry("commitlog_sync", "group").hasSize(2);
    }
}
