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
        SystemResult a1 = results.get("a1");
        SystemResult a2 = results.get("a2");
        SystemResult b = results.get("b");
        double ceiling = Math.max(a1.measured() ? a1.medianRate() : 0, a2.measured() ? a2.medianRate() : 0);
        out.append('\n');
        for (String key : List.of("c", "d")) {
            SystemResult job = results.get(key);
            if (!job.measured()) {
                continue;
            }
            if (ceiling > 0) {
                out.append(String.format(Locale.ROOT, "(%s)/(a) = %.2f (goal ≥ 0.90; ceiling = the faster of the two (a) rows)%n",
                        key, job.medianRate() / ceiling));
            }
            if (b.measured()) {
                out.append(String.format(Locale.ROOT, "(%s)/(b) = %.1f (goal ≥ 3)%n", key, job.medianRate() / b.medianRate()));
            }
        }
        out.append("\nCPU per row: process CPU time (sampled every 200 ms) between the first and the last "
                + "write, over the rows; client = the job's JVM, or the benchmark's JVM for the ceilings.\n");
        out.append("\nLatency: jobs from the Kafka record timestamp to the row's WRITETIME (the driver's client-side "
                + "timestamp, taken when the request is built); ceilings from hand-off to acknowledgement.\n");
        return out.toString();
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
