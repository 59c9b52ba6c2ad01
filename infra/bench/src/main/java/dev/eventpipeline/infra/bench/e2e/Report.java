package dev.eventpipeline.infra.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * The run's report in Markdown, as docs/benchmarks.md quotes it: when and on what machine (with the
 * load during the run), one table row per measured system, the ratios to the goals, and how CPU and
 * latency were taken.
 */
final class Report {

    private Report() {}

    static String render(EndToEndBenchmark.Options options, Instant started, Instant finished, double[] loads1,
            Results results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Run %s → %s (%.0f min); %d events, seed %d, %d repeats%n",
                DateTimeFormatter.ISO_INSTANT.format(started.truncatedTo(ChronoUnit.SECONDS)),
                DateTimeFormatter.ISO_LOCAL_TIME.format(finished.atOffset(ZoneOffset.UTC).toLocalTime().withNano(0)),
                Duration.between(started, finished).toSeconds() / 60.0, options.events(), options.seed(),
                options.repeats()));
        out.append(String.format(Locale.ROOT, "Machine: %d cores, %s, Java %s; 1-min load during the run: "
                        + "min %.1f, median %.1f, max %.1f (%d samples)%n%n",
                Runtime.getRuntime().availableProcessors(), memTotal(), System.getProperty("java.version"),
                loads1.length == 0 ? Double.NaN : loads1[0], Stats.percentile(loads1, 0.5),
                loads1.length == 0 ? Double.NaN : loads1[loads1.length - 1], loads1.length));
        if (!options.cassandraSettings().isEmpty()) {
            out.append("Cassandra settings over the local stack's: ").append(options.cassandraSettings().entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(", "))).append("\n\n");
        }
        out.append("| system | rows/s (median) | runs (rows/s) | p50 / p99 latency at half max | heap peak used / live (MiB) "
                + "| CPU µs/row: Cassandra / client | notes |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (SystemResult r : results.all()) {
            if (!r.measured()) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "| %s | **%,.0f** | %s | %s | %s | %.0f / %.0f | %s |%n", r.label,
                    r.medianRate(),
                    String.join(", ", r.rowsPerSecond.stream().map(v -> String.format(Locale.ROOT, "%,.0f", v)).toList()),
                    Double.isNaN(r.p50Millis) ? "—" : String.format(Locale.ROOT, "%.0f / %.0f ms at %,.0f/s",
                            r.p50Millis, r.p99Millis, r.latencyRate),
                    r.heapUsedMiB.isEmpty() ? "— (in-process)" : Collections.max(r.heapUsedMiB) + " / "
                            + Collections.max(r.heapLiveMiB),
                    Stats.median(r.cassandraCpuMicrosPerRow), Stats.median(r.clientCpuMicrosPerRow),
                    String.join("; ", r.notes)));
        }
        out.append('\n');
        appendGoals(out, results);
        out.append("\nCPU per row: process CPU time (sampled every 200 ms) between the first and the last "
                + "write, over the rows; client = the job's JVM, or the benchmark's JVM for the ceilings.\n");
        out.append("\nLatency: jobs from the Kafka record timestamp to the row's WRITETIME (the driver's client-side "
                + "timestamp, taken when the request is built); ceilings from hand-off to acknowledgement.\n");
        return out.toString();
    }

    /**
     * Each of our jobs against the goals: the ratio of medians to the node's ceiling (the faster (a) row) and
     * to the seed-like job (b), with the ratio of each interleaved pair; its client CPU per row against the ceiling's;
     * p99 at half of its max rate; its peak heap.
     */
    static void appendGoals(StringBuilder out, Results results) {
        SystemResult a1 = results.get("a1");
        SystemResult a2 = results.get("a2");
        SystemResult ceiling = !a1.measured() || (a2.measured() && a2.medianRate() >= a1.medianRate()) ? a2 : a1;
        SystemResult b = results.get("b");
        for (String key : List.of("c", "d", "e")) {
            SystemResult job = results.get(key);
            if (!job.measured()) {
                continue;
            }
            if (ceiling.measured()) {
                out.append(String.format(Locale.ROOT, "(%s)/(a) = %.2f (per pair %s; goal ≥ 0.90; ceiling = the faster "
                        + "of the two (a) rows)%n", key, job.medianRate() / ceiling.medianRate(), pairs(job, ceiling, "%.2f")));
                out.append(String.format(Locale.ROOT, "(%s) client CPU per row = %.2f× the ceiling's (goal ≤ 1.25×)%n",
                        key, Stats.median(job.clientCpuMicrosPerRow) / Stats.median(ceiling.clientCpuMicrosPerRow)));
            }
            if (b.measured()) {
                out.append(String.format(Locale.ROOT, "(%s)/(b) = %.1f (per pair %s; goal ≥ 3)%n", key,
                        job.medianRate() / b.medianRate(), pairs(job, b, "%.1f")));
            }
            if (!Double.isNaN(job.p99Millis)) {
                out.append(String.format(Locale.ROOT, "(%s) p99 at half of max = %.0f ms (goal < 500 ms)%n", key,
                        job.p99Millis));
            }
            if (!job.heapUsedMiB.isEmpty()) {
                out.append(String.format(Locale.ROOT, "(%s) peak heap used = %d MiB (goal ≤ 512 MiB)%n", key,
                        Collections.max(job.heapUsedMiB)));
            }
        }
        SystemResult c = results.get("c");
        SystemResult e = results.get("e");
        if (c.measured() && e.measured()) {
            out.append(String.format(Locale.ROOT, "(e)/(c) = %.2f (per pair %s): the Flink 2 line against the 1.20 one%n",
                    e.medianRate() / c.medianRate(), pairs(e, c, "%.2f")));
        }
    }

    /** The ratio of the runs of one repeat, for as many repeats as both have. */
    private static String pairs(SystemResult job, SystemResult other, String format) {
        int n = Math.min(job.rowsPerSecond.size(), other.rowsPerSecond.size());
        StringJoiner joined = new StringJoiner(", ");
        for (int i = 0; i < n; i++) {
            joined.add(String.format(Locale.ROOT, format, job.rowsPerSecond.get(i) / other.rowsPerSecond.get(i)));
        }
        return joined.toString();
    }

    private static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("\\D+", ""));
                    return String.format(Locale.ROOT, "%.1f GiB RAM", kib / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "? RAM";
    }
}
