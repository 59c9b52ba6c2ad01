package dev.eventpipeline.infra.bench.e2e;

import dev.eventpipeline.infra.bench.baseline.SeedLikeJob;
import dev.eventpipeline.infra.bench.jvm.FlinkLine;
import dev.eventpipeline.infra.bench.jvm.JobJvm;
import dev.eventpipeline.job.EventPipelineJob;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * (b) the seed-like baseline job and our job ((c) and (d) on Flink 1.20, (e) on Flink 2.x), each in a JVM of its
 * own against the run's servers:
 * bounded throughput runs over the produced topic, and the unbounded jobs of the latency runs.
 */
final class JobRuns {

    private static final String PARALLELISM_ARG = "job.parallelism=";

    private final EndToEndBenchmark.Options options;
    private final BenchServers servers;
    private final Results results;

    JobRuns(EndToEndBenchmark.Options options, BenchServers servers, Results results) {
        this.options = options;
        this.servers = servers;
        this.results = results;
    }

    /**
     * Our job runs at parallelism 1 like the baseline (b), unless {@code --job-arg job.parallelism=N}:
     * the job, Kafka and Cassandra share two cores, and a second subtask (the MiniCluster's default
     * here) cost ~1.3–1.8× the client CPU per row in the runs of docs/benchmarks.md.
     */
    static String parallelism(EndToEndBenchmark.Options options) {
        return options.jobArgs().stream().filter(arg -> arg.startsWith(PARALLELISM_ARG))
                .map(arg -> arg.substring(PARALLELISM_ARG.length())).findFirst().orElse("1");
    }

    /**
     * Throughput run {@code rep} of job {@code key} on an emptied, settled table: the job reads the
     * topic from the start to its end; only rows bucketed from {@code measuredFrom} on count.
     */
    void throughput(String key, int rep, LocalDate measuredFrom) throws Exception {
        servers.truncateAndSettle();
        String name = key + "-throughput-" + rep;
        try (JobJvm job = start(key, name, EndToEndBenchmark.TOPIC, true);
                CpuSampler server = new CpuSampler(servers.cassandraPid());
                CpuSampler client = new CpuSampler(job.pid())) {
            job.awaitExit(Duration.ofMinutes(20));
            OptionalDouble rowsPerRequest = job.rowsPerRequest();
            results.recordRun(key, rep, servers.table().span(measuredFrom), job.heapPeak(), server, client,
                    rowsPerRequest.isPresent()
                            ? String.format(Locale.ROOT, "%.1f rows/request", rowsPerRequest.getAsDouble()) : null);
        }
    }

    /**
     * Starts job {@code key} on {@code topic}, bounded or not, named {@code name}: {@code b} the seed-like job,
     * {@code c} ours with its default sink, {@code d} ours with flink-connector-cassandra's
     * ({@code cassandra.sink=connector}), {@code e} ours with its default sink on Flink 2.x (event-job-flink2).
     */
    JobJvm start(String key, String name, String topic, boolean bounded) {
        Path dir = options.workDir().resolve("jobs");
        if (key.equals("b")) {
            return JobJvm.start(name, dir, options.jobHeap(), false, FlinkLine.FLINK_1, SeedLikeJob.class.getName(), List.of(
                    servers.bootstrapServers(), topic, "127.0.0.1", Integer.toString(servers.cqlPort()),
                    Boolean.toString(bounded), Integer.toString(options.baselineInFlight())));
        }
        List<String> args = new ArrayList<>(List.of(
                "--local", "true", "--local.web-ui-port", "0",
                "--kafka.bootstrap-servers", servers.bootstrapServers(), "--kafka.topic", topic,
                "--kafka.group-id", name, "--kafka.starting-offsets", "earliest",
                "--kafka.bounded", Boolean.toString(bounded), "--dlq.topic", EndToEndBenchmark.DLQ_TOPIC,
                "--cassandra.contact-points", "127.0.0.1", "--cassandra.port", Integer.toString(servers.cqlPort())));
        args.addAll(List.of("--job.parallelism", parallelism(options)));
        if (key.equals("d")) {
            args.addAll(List.of("--cassandra.sink", "connector"));
        }
        for (String arg : options.jobArgs()) {
            if (arg.startsWith(PARALLELISM_ARG)) {
                continue;
            }
            int eq = arg.indexOf('=');
            args.add("--" + arg.substring(0, eq));
            args.add(arg.substring(eq + 1));
        }
        FlinkLine line = key.equals("e") ? FlinkLine.FLINK_2 : FlinkLine.FLINK_1;
        return JobJvm.start(name, dir, options.jobHeap(), options.jfr(), line, EventPipelineJob.class.getName(), args);
    }
}
