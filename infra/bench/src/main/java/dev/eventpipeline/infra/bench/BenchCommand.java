package dev.eventpipeline.infra.bench;

import dev.eventpipeline.infra.bench.e2e.EndToEndBenchmark;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import dev.eventpipeline.infra.generate.GeneratorOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bench micro} and {@code bench e2e}; ready to be a {@code pipeline bench} subcommand. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: the per-event path (JMH) and the pipeline end to end on local servers.",
        subcommands = {BenchCommand.Micro.class, BenchCommand.EndToEnd.class})
public final class BenchCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("usage: bench micro | bench e2e  (--help for options)");
        return 2;
    }

    @Command(name = "micro", mixinStandardHelpOptions = true,
            description = "JMH: decode + validate + map one event (valid 0/5/20 metadata entries, invalid, mix), one thread.")
    static final class Micro implements Callable<Integer> {

        @Parameters(description = "Extra JMH arguments, e.g. -p payload=mix -f 1 -wi 2 -i 3", arity = "0..*")
        List<String> jmhArgs = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            List<String> args = new ArrayList<>();
            args.add("dev.eventpipeline.infra.bench.micro");
            args.addAll(jmhArgs);
            org.openjdk.jmh.Main.main(args.toArray(String[]::new));
            return 0;
        }
    }

    /**
     * Cassandra's stock commit log, then the user's settings. The local stack's group commit log (an acknowledged
     * write survives SIGKILL) blocks each of the node's 32 write threads until the group's sync, which capped the
     * batched ceiling at ~11k rows/s here with the CPU two-thirds idle (docs/benchmarks.md): a limit of threads,
     * not of the node's CPU, which is what the ratios compare.
     */
    static Map<String, String> nodeSettings(Map<String, String> userSettings) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("commitlog_sync", "periodic");
        settings.put("commitlog_sync_period", "10000ms");
        settings.putAll(userSettings);
        return settings;
    }

    @Command(name = "e2e", mixinStandardHelpOptions = true,
            description = "Ceilings (a), seed-like baseline (b) and our job ((c) its default sink, (d) the connector's, "
                    + "(e) on Flink 2.x) on the same events, in one run.")
    static final class EndToEnd implements Callable<Integer> {

        @Option(names = "--events", defaultValue = "1000000", description = "Events produced once (default ${DEFAULT-VALUE})")
        int events;

        @Option(names = "--job-warmup-events", defaultValue = "300000",
                description = "Events each job works through first, unmeasured, so it is measured with a warm JIT "
                        + "like a long-running job (default ${DEFAULT-VALUE})")
        int jobWarmupEvents;

        @Option(names = "--repeats", defaultValue = "3", description = "Throughput runs per system, interleaved (default ${DEFAULT-VALUE})")
        int repeats;

        @Option(names = "--baseline-repeats", defaultValue = "2",
                description = "Throughput runs of the slow baseline (b) (default ${DEFAULT-VALUE})")
        int baselineRepeats;

        @Option(names = "--latency-seconds", defaultValue = "20",
                description = "Measured seconds of each fixed-rate latency run; 0 skips latency (default ${DEFAULT-VALUE})")
        int latencySeconds;

        @Option(names = "--warmup-seconds", defaultValue = "90", description = "Unmeasured seconds at the same rate before, so the job's JIT is warm (default ${DEFAULT-VALUE})")
        int warmupSeconds;

        @Option(names = "--latency-rate", defaultValue = "0",
                description = "Fixed rate (events/s) of the latency runs; 0 = half of each system's median throughput")
        double latencyRate;

        @Mixin
        GeneratorOptions generator = new GeneratorOptions().defaultUsers(10_000).defaultSeed(42);

        @Option(names = "--only", split = ",", description = "Run only these of a, b, c, d, e (a1 / a2: one of the two ceilings; d: our job with "
                        + "cassandra.sink=connector; e: our job on Flink 2.x)")
        LinkedHashSet<String> only = new LinkedHashSet<>();

        @Option(names = "--job-heap", defaultValue = "1g", description = "-Xmx of each job JVM (default ${DEFAULT-VALUE})")
        String jobHeap;

        @Option(names = "--jfr", description = "Record a JFR profile of our job's JVMs")
        boolean jfr;

        @Option(names = "--job-arg", description = "key=value passed to our job (tuning experiments), repeatable")
        List<String> jobArgs = new ArrayList<>();

        @Option(names = "--cassandra-setting", description = "name=value: a cassandra.yaml setting of the run's node over "
                + "the local stack's, repeatable; the run starts from Cassandra's stock commit log (commitlog_sync=periodic, "
                + "commitlog_sync_period=10000ms), e.g. commitlog_sync=group measures the local stack's")
        Map<String, String> cassandraSettings = new LinkedHashMap<>();

        @Option(names = "--baseline-in-flight", defaultValue = "1024")
        int baselineInFlight;

        @Option(names = "--ceiling-in-flight", defaultValue = "512")
        int ceilingInFlight;

        @Option(names = "--ceiling-batch-rows", defaultValue = "64")
        int ceilingBatchRows;

        @Option(names = "--ceiling-linger-ms", defaultValue = "200")
        int ceilingLingerMs;

        @Option(names = "--work-dir", description = "Servers' and jobs' files (default infra/bench/target/e2e-<time>)")
        Path workDir;

        @Option(names = "--out", description = "Report file (default <work-dir>/../e2e-<time>.md)")
        Path out;

        @Override
        public Integer call() throws Exception {
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            Path base = Path.of(System.getProperty("bench.root", "."), "infra", "bench", "target");
            Path dir = workDir != null ? workDir : base.resolve("e2e-" + stamp);
            Path report = out != null ? out : base.resolve("e2e-" + stamp + ".md");
            generator.validate();
            for (String arg : jobArgs) {
                if (arg.indexOf('=') < 1) {
                    throw new IllegalArgumentException("--job-arg needs key=value: " + arg);
                }
            }
            return new EndToEndBenchmark(new EndToEndBenchmark.Options(events, jobWarmupEvents, repeats, baselineRepeats,
                    latencySeconds, warmupSeconds, generator.users(), generator.skew(), generator.seed(), only, jobHeap, jfr, jobArgs, dir.toAbsolutePath(),
                    report.toAbsolutePath(), baselineInFlight, ceilingInFlight, ceilingBatchRows, ceilingLingerMs,
                    latencyRate, nodeSettings(cassandraSettings)),
                    System.out).run();
        }
    }
}
