package dev.eventpipeline.infra.bench.e2e;

import dev.eventpipeline.infra.bench.baseline.SeedLikeJob;
import dev.eventpipeline.infra.bench.ceiling.DriverCeiling;
import dev.eventpipeline.infra.kafka.KafkaTopics;
import dev.eventpipeline.job.EventPipelineJob;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The end-to-end benchmark: one run, the same generated events, local servers on free ports.
 *
 * <ol>
 *   <li>(a) ceilings: the rows written straight into Cassandra with driver 4, one row per request
 *       and one-partition UNLOGGED batches ({@link CeilingRuns});
 *   <li>(b) the seed-like baseline job ({@link SeedLikeJob}), parallelism 1, in its own JVM;
 *   <li>(c) our job ({@link EventPipelineJob}) with its defaults, bounded, in its own JVM ({@link JobRuns});
 *   <li>(d) the same with {@code cassandra.sink=connector}; (e) (c) on Flink 2.x (the Flink 2 job JAR).
 * </ol>
 *
 * Throughput: rows / (last − first WRITETIME), the table truncated before each run, repeats
 * interleaved so that noise from other load falls on all of them alike. Latency: each at half its
 * own median throughput, Kafka record timestamp → WRITETIME (jobs) or hand-off → ack (ceilings)
 * ({@link LatencyRuns}). This class tells the order of the runs; {@link Report} writes them up.
 */
public final class EndToEndBenchmark {

    public static final String TOPIC = KafkaTopics.USER_EVENTS;
    public static final String DLQ_TOPIC = KafkaTopics.USER_EVENTS_DLQ;

    /** The jobs, in the order each repeat runs them (see {@link JobRuns#start}). */
    static final List<String> JOBS = List.of("b", "c", "d", "e");

    /** Everything a run can be told. */
    public record Options(int events, int jobWarmupEvents, int repeats, int baselineRepeats, int latencySeconds,
            int warmupSeconds, int users, double skew, long seed, Set<String> only, String jobHeap, boolean jfr, List<String> jobArgs,
            Path workDir, Path out, int baselineInFlight, int ceilingInFlight, int ceilingBatchRows,
            int ceilingLingerMs, double latencyRate, Map<String, String> cassandraSettings) {

        /** Whose events the run generates. */
        RunEvents.Users generatedUsers() {
            return new RunEvents.Users(users, skew, seed);
        }
    }

    private final Options options;
    private final StepLog log;
    // Every event becomes its own row, so each run must find as many rows as events.
    private final Results results;

    public EndToEndBenchmark(Options options, PrintStream log) {
        this.options = options;
        this.log = new StepLog(log);
        this.results = new Results(options, options.events(), this.log);
    }

    public int run() throws Exception {
        BenchServers servers = new BenchServers(options.workDir(), options.cassandraSettings(), log);
        LoadAverage load = new LoadAverage();
        Instant started = Instant.now();
        try {
            servers.start();
            RunEvents events = RunEvents.produce(options, servers.bootstrapServers(), TOPIC, log);
            CeilingRuns ceilings = new CeilingRuns(options, servers, events.rows(), results, log);
            JobRuns jobs = new JobRuns(options, servers, results);
            ceilings.warmUpCassandra();
            for (int rep = 1; rep <= options.repeats(); rep++) {
                if (wanted("a1")) {
                    ceilings.throughput("a1", DriverCeiling.Mode.SINGLE, rep);
                }
                if (wanted("a2")) {
                    ceilings.throughput("a2", DriverCeiling.Mode.BATCH, rep);
                }
                for (String job : JOBS) {
                    if (wanted(job) && (!job.equals("b") || rep <= options.baselineRepeats())) {
                        jobs.throughput(job, rep, events.measuredFrom());
                    }
                }
            }
            if (options.latencySeconds() > 0) {
                LatencyRuns latency = new LatencyRuns(options, servers, ceilings, jobs, events.rows(), results, log);
                if (wanted("a1")) {
                    latency.ceiling("a1", DriverCeiling.Mode.SINGLE);
                }
                if (wanted("a2")) {
                    latency.ceiling("a2", DriverCeiling.Mode.BATCH);
                }
                for (String job : JOBS) {
                    if (wanted(job)) {
                        latency.job(job);
                    }
                }
            }
        } finally {
            load.close();
            servers.close();
        }
        String report = Report.render(options, started, Instant.now(), load.oneMinuteSorted(), results);
        log.println("");
        log.println(report);
        Files.createDirectories(options.out().getParent());
        Files.writeString(options.out(), report);
        log.println("written to " + options.out());
        return 0;
    }

    /** {@code a1} (single rows) and {@code a2} (batches) are also selected by {@code a}. */
    private boolean wanted(String system) {
        return options.only().isEmpty() || options.only().contains(system)
                || (system.startsWith("a") && options.only().contains("a"));
    }
}
