package dev.eventpipeline.infra.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.infra.cassandra.UserEventsTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static EndToEndBenchmark.Options options(List<String> jobArgs) {
        return new EndToEndBenchmark.Options(1_000_000, 300_000, 3, 2, 20, 90, 10_000, 1.0, 42, Set.of(), "1g", false, jobArgs,
                Path.of("/tmp/e2e"), Path.of("/tmp/e2e.md"), 1024, 512, 64, 200, 0, Map.of());
    }

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final StepLog log = new StepLog(new PrintStream(logged, true, StandardCharsets.UTF_8));

    @Test
    void oneRowPerMeasuredSystemAndTheRatiosToTheGoals() {
        EndToEndBenchmark.Options options = options(List.of());
        Results results = new Results(options, 1_000_000, log);
        SystemResult a2 = results.get("a2");
        a2.rowsPerSecond.addAll(List.of(30_000.0, 40_000.0, 50_000.0));
        a2.cassandraCpuMicrosPerRow.addAll(List.of(38.0, 37.0, 39.0));
        a2.clientCpuMicrosPerRow.addAll(List.of(12.0, 12.0, 12.0));
        a2.notes.add("6.7 rows/request");
        SystemResult c = results.get("c");
        c.rowsPerSecond.addAll(List.of(28_800.0, 27_000.0, 30_000.0));
        c.cassandraCpuMicrosPerRow.addAll(List.of(44.0, 44.0, 44.0));
        c.clientCpuMicrosPerRow.addAll(List.of(22.0, 22.0, 22.0));
        c.heapUsedMiB.addAll(List.of(387L, 350L, 360L));
        c.heapLiveMiB.addAll(List.of(99L, 90L, 95L));
        c.latencyRate = 14_400;
        c.p50Millis = 200;
        c.p99Millis = 469;

        String report = Report.render(options, Instant.parse("2026-11-25T23:53:10Z"),
                Instant.parse("2026-11-26T00:15:40Z"), new double[] {0.6, 10.8, 19.8}, results);

        assertThat(report).startsWith("Run 2026-11-25T23:53:10Z → 00:15:40 (23 min); 1000000 events, seed 42, 3 repeats\n");
        assertThat(report).contains("1-min load during the run: min 0.6, median 10.8, max 19.8 (3 samples)");
        assertThat(report).contains("| (a) ceiling: driver 4, one-partition UNLOGGED batches ≤64 rows, 200 ms linger, "
                + "512 in flight | **40,000** | 30,000, 40,000, 50,000 | — | — (in-process) | 38 / 12 | 6.7 rows/request |\n");
        assertThat(report).contains("| (c) our job on Flink 1.20.5, defaults (Sink V2 sink on driver 4), parallelism 1 "
                + "| **28,800** | 28,800, 27,000, 30,000 | 200 / 469 ms at 14,400/s | 387 / 99 | 44 / 22 |  |\n");
        assertThat(report).doesNotContain("one row per request").doesNotContain("seed-like");
        assertThat(report).contains("(c)/(a) = 0.72 (per pair 0.96, 0.68, 0.60; goal ≥ 0.90; ceiling = the faster of the two "
                + "(a) rows)\n");
        assertThat(report).contains("(c) client CPU per row = 1.83× the ceiling's (goal ≤ 1.25×)\n");
        assertThat(report).contains("(c) p99 at half of max = 469 ms (goal < 500 ms)\n");
        assertThat(report).contains("(c) peak heap used = 387 MiB (goal ≤ 512 MiB)\n");
        assertThat(report).doesNotContain("(c)/(b)").doesNotContain("(d)").doesNotContain("(e)");
    }

    @Test
    void bothFlinkLinesAgainstTheSeedLikeJobAndEachOther() {
        Results results = new Results(options(List.of()), 1_000_000, log);
        results.get("a1").rowsPerSecond.addAll(List.of(20_000.0, 20_000.0));
        results.get("a1").clientCpuMicrosPerRow.addAll(List.of(16.0, 16.0));
        results.get("b").rowsPerSecond.add(10_000.0);
        results.get("c").rowsPerSecond.addAll(List.of(30_000.0, 34_000.0));
        results.get("c").clientCpuMicrosPerRow.addAll(List.of(20.0, 20.0));
        results.get("e").rowsPerSecond.addAll(List.of(27_000.0, 37_000.0));
        results.get("e").clientCpuMicrosPerRow.addAll(List.of(24.0, 24.0));

        StringBuilder goals = new StringBuilder();
        Report.appendGoals(goals, results);

        // a2 was not measured, so the single-row ceiling is the ceiling.
        assertThat(goals.toString()).isEqualTo("""
                (c)/(a) = 1.60 (per pair 1.50, 1.70; goal ≥ 0.90; ceiling = the faster of the two (a) rows)
                (c) client CPU per row = 1.25× the ceiling's (goal ≤ 1.25×)
                (c)/(b) = 3.2 (per pair 3.0; goal ≥ 3)
                (e)/(a) = 1.60 (per pair 1.35, 1.85; goal ≥ 0.90; ceiling = the faster of the two (a) rows)
                (e) client CPU per row = 1.50× the ceiling's (goal ≤ 1.25×)
                (e)/(b) = 3.2 (per pair 2.7; goal ≥ 3)
                (e)/(c) = 1.00 (per pair 0.90, 1.09): the Flink 2 line against the 1.20 one
                """);
        assertThat(results.get("e").label).isEqualTo("(e) our job on Flink 2.2.1, defaults (Sink V2 sink on driver 4), "
                + "parallelism 1");
    }

    @Test
    void ourJobsLabelNamesItsParallelismAndExtraArguments() {
        Results results = new Results(options(List.of("job.parallelism=2", "cassandra.batch.linger=300ms")), 1, log);

        assertThat(results.get("c").label)
                .isEqualTo("(c) our job on Flink 1.20.5, defaults (Sink V2 sink on driver 4), parallelism 2 + "
                        + "job.parallelism=2 cassandra.batch.linger=300ms");
        assertThat(results.get("d").label).isEqualTo("(d) our job on Flink 1.20.5, cassandra.sink=connector "
                + "(flink-connector-cassandra), parallelism 2 + job.parallelism=2 cassandra.batch.linger=300ms");
    }

    @Test
    void aRunWithMissingRowsSaysSo() {
        Results results = new Results(options(List.of()), 1_000_000, log);
        try (CpuSampler server = new CpuSampler(ProcessHandle.current().pid());
                CpuSampler client = new CpuSampler(ProcessHandle.current().pid())) {
            results.recordRun("a1", 1, new UserEventsTable.Span(999_000, 0, 50_000_000),
                    null, server, client, "1.0 rows/request");
        }

        assertThat(results.get("a1").notes).containsExactly("run 1: 999000 rows of 1000000", "1.0 rows/request");
        assertThat(results.get("a1").rowsPerSecond).containsExactly(19_980.0);
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("a1 run 1: 999,000 rows in 50.0 s = 19,980 rows/s");
    }
}
