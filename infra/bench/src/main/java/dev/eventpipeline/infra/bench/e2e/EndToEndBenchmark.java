package dev.eventpipeline.infra.bench.e2e;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import dev.eventpipeline.infra.LocalCassandra;
import dev.eventpipeline.infra.LocalKafka;
import dev.eventpipeline.infra.cassandra.UserEventsTable;
import dev.eventpipeline.infra.bench.baseline.SeedLikeJob;
import dev.eventpipeline.infra.bench.ceiling.DriverCeiling;
import dev.eventpipeline.infra.bench.generate.EventGenerator;
import dev.eventpipeline.infra.bench.jvm.JobJvm;
import dev.eventpipeline.infra.kafka.TopicSpec;
import dev.eventpipeline.job.EventPipelineJob;
import dev.eventpipeline.model.UserEvent;
import dev.eventpipeline.model.UserEventCassandraModel;
import dev.eventpipeline.transform.UserEventMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The end-to-end benchmark: one run, the same generated events, local servers on free ports.
 *
 * <ol>
 *   <li>(a) ceilings: the rows written straight into Cassandra with driver 4, one row per request
 *       and one-partition UNLOGGED batches;
 *   <li>(b) the seed-like baseline job ({@link SeedLikeJob}), parallelism 1, in its own JVM;
 *   <li>(c) our job ({@link EventPipelineJob}) with its defaults, bounded, in its own JVM.
 * </ol>
 *
 * Throughput: rows / (last − first WRITETIME), the table truncated before each run, repeats
 * interleaved so that noise from other load falls on all of them alike. Latency: each at half its
 * own median throughput, Kafka record timestamp → WRITETIME (jobs) or hand-off → ack (ceilings).
 */
public final class EndToEndBenchmark {

    public static final String TOPIC = "user-events";
    public static final String DLQ_TOPIC = "user-events-dlq";

    /** Everything a run can be told. */
    public record Options(int events, int jobWarmupEvents, int repeats, int baselineRepeats, int latencySeconds,
            int warmupSeconds, long seed, Set<String> only, String jobHeap, boolean jfr, List<String> jobArgs,
            Path workDir, Path out, int baselineInFlight, int ceilingInFlight, int ceilingBatchRows,
            int ceilingLingerMs, double latencyRate) {}

    /** One measured system. */
    static final class Result {
        final String key;
        final String label;
        final List<Double> rowsPerSecond = new ArrayList<>();
        final List<Double> seconds = new ArrayList<>();
        final List<Long> heapUsedMiB = new ArrayList<>();
        final List<Long> heapLiveMiB = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final List<Double> cassandraCpuMicrosPerRow = new ArrayList<>();
        final List<Double> clientCpuMicrosPerRow = new ArrayList<>();
        double latencyRate = Double.NaN;
        double p50Millis = Double.NaN;
        double p99Millis = Double.NaN;
        double maxMillis = Double.NaN;
        long latencySamples;

        Result(String key, String label) {
            this.key = key;
            this.label = label;
        }

        double medianRate() {
            return median(rowsPerSecond);
        }
    }

    private final Options options;
    private final PrintStream log;
    private final Map<String, Result> results = new LinkedHashMap<>();
    private final List<double[]> loadSamples = Collections.synchronizedList(new ArrayList<>());

    private LocalKafka kafka;
    private LocalCassandra cassandra;
    private CqlSession session;
    private UserEventsTable table;
    private List<UserEventCassandraModel> rows;
    // The jobs' warm-up rows lie a month before the measured ones; only rows from this date on count.
    private LocalDate measuredFrom;

    public EndToEndBenchmark(Options options, PrintStream log) {
        this.options = options;
        this.log = log;
        results.put("a1", new Result("a1", "(a) ceiling: driver 4, one row per request, " + options.ceilingInFlight()
                + " in flight"));
        results.put("a2", new Result("a2", "(a) ceiling: driver 4, one-partition UNLOGGED batches ≤"
                + options.ceilingBatchRows() + " rows, " + options.ceilingLingerMs() + " ms linger, "
                + options.ceilingInFlight() + " in flight"));
        results.put("b", new Result("b", "(b) seed-like job: parallelism 1, Jackson + POJO sink, "
                + options.baselineInFlight() + " in flight"));
        results.put("c", new Result("c", "(c) our job, defaults, parallelism " + jobParallelism()
                + (options.jobArgs().isEmpty() ? "" : " + " + String.join(" ", options.jobArgs()))));
    }

    public int run() throws Exception {
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "loadavg");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(() -> loadSamples.add(loadAverage()), 0, 5, TimeUnit.SECONDS);
        Instant started = Instant.now();
        try {
            startServers();
            prepareEvents();
            warmUpCassandra();
            for (int rep = 1; rep <= options.repeats(); rep++) {
                if (wanted("a1")) {
                    ceiling("a1", DriverCeiling.Mode.SINGLE, rep);
                }
                if (wanted("a2")) {
                    ceiling("a2", DriverCeiling.Mode.BATCH, rep);
                }
                if (wanted("b") && rep <= options.baselineRepeats()) {
                    jobThroughput("b", rep);
                }
                if (wanted("c")) {
                    jobThroughput("c", rep);
                }
            }
            if (options.latencySeconds() > 0) {
                if (wanted("a1")) {
                    ceilingLatency("a1", DriverCeiling.Mode.SINGLE);
                }
                if (wanted("a2")) {
                    ceilingLatency("a2", DriverCeiling.Mode.BATCH);
                }
                if (wanted("b")) {
                    jobLatency("b");
                }
                if (wanted("c")) {
                    jobLatency("c");
                }
            }
        } finally {
            sampler.shutdownNow();
            stopServers();
        }
        String report = report(started, Instant.now());
        log.println();
        log.println(report);
        Files.createDirectories(options.out().getParent());
        Files.writeString(options.out(), report);
        log.println("written to " + options.out());
        return 0;
    }

    /**
     * Our job runs at parallelism 1 like the baseline (b), unless {@code --job-arg job.parallelism=N}:
     * the job, Kafka and Cassandra share two cores, and a second subtask (the MiniCluster's default
     * here) cost ~1.3–1.8× the client CPU per row in the runs of docs/benchmarks.md.
     */
    private String jobParallelism() {
        return options.jobArgs().stream().filter(arg -> arg.startsWith("job.parallelism="))
                .map(arg -> arg.substring("job.parallelism=".length())).findFirst().orElse("1");
    }

    /** {@code a1} (single rows) and {@code a2} (batches) are also selected by {@code a}. */
    private boolean wanted(String system) {
        return options.only().isEmpty() || options.only().contains(system)
                || (system.startsWith("a") && options.only().contains("a"));
    }

    // ---------------------------------------------------------------- set-up

    private void startServers() throws Exception {
        Path dir = options.workDir();
        kafka = LocalKafka.builder().workDir(dir.resolve("kafka")).freePorts().build();
        cassandra = LocalCassandra.builder().workDir(dir.resolve("cassandra")).freePorts().heap("1g").build();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopServers, "bench-servers-stop"));
        step("starting Kafka and Cassandra on free ports under " + dir);
        CompletableFuture<Void> k = CompletableFuture.runAsync(kafka::start);
        CompletableFuture<Void> c = CompletableFuture.runAsync(cassandra::start);
        k.get();
        c.get();
        kafka.createPipelineTopics();
        cassandra.applySchema();
        // Generous timeouts: on a shared 2-core machine a loaded node can take seconds per request.
        session = CqlSession.builder()
                .addContactPoint(cassandra.contactPoint())
                .withLocalDatacenter(cassandra.localDatacenter())
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
                        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                        .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(30))
                        .build())
                .build();
        table = new UserEventsTable(session);
        step("servers up: Kafka " + kafka.bootstrapServers() + ", Cassandra 127.0.0.1:" + cassandra.cqlPort());
    }

    private synchronized void stopServers() {
        if (session != null) {
            session.close();
            session = null;
        }
        // Stopped and their data deleted (~0.5 GB a run); logs stay under the work directory.
        if (kafka != null) {
            kafka.stop();
            kafka.deleteData();
            kafka = null;
        }
        if (cassandra != null) {
            cassandra.stop();
            cassandra.deleteData();
            cassandra = null;
        }
    }

    private void prepareEvents() {
        step("generating " + options.events() + " events (seed " + options.seed() + ")");
        EventGenerator generator = EventGenerator.standard(options.seed(), options.events());
        List<UserEvent> events = new ArrayList<>(options.events());
        for (int i = 0; i < options.events(); i++) {
            events.add(generator.historical(i));
        }
        rows = new ArrayList<>(events.size());
        for (UserEvent event : events) {
            rows.add(UserEventMapper.toRow(event));
        }
        measuredFrom = rows.stream().map(UserEventCassandraModel::bucketDate).min(LocalDate::compareTo).orElseThrow();
        long partitions = rows.stream().map(r -> r.userId() + "/" + r.bucketDate()).distinct().count();
        // A job JVM starts cold: in a 40 s run its JIT compiler took a fifth of its CPU (JFR). Each job
        // therefore first works through other users' events of a month earlier, written but not counted.
        EventGenerator warmup = new EventGenerator(options.seed() + 1, 10_000, 1.0, Duration.ofHours(36),
                Instant.now().minus(Duration.ofDays(30)), Math.max(1, options.jobWarmupEvents()));
        List<UserEvent> warmupEvents = new ArrayList<>(options.jobWarmupEvents());
        for (int i = 0; i < options.jobWarmupEvents(); i++) {
            warmupEvents.add(warmup.historical(i));
        }
        step("producing " + warmupEvents.size() + " job warm-up events, then the " + events.size()
                + " measured ones to " + TOPIC + " (" + partitions + " Cassandra partitions)");
        long start = System.nanoTime();
        try (EventLoad load = new EventLoad(kafka.bootstrapServers(), 20)) {
            load.sendAll(TOPIC, warmupEvents);
            load.sendAll(TOPIC, events);
        }
        step(String.format(Locale.ROOT, "produced in %.1f s", (System.nanoTime() - start) / 1e9));
    }

    /** One unmeasured pass of the rows, so no system meets a cold Cassandra (JIT, memtables). */
    private void warmUpCassandra() throws InterruptedException {
        step("warm-up: writing the rows once, not measured");
        try {
            new DriverCeiling(session, DriverCeiling.Mode.BATCH, options.ceilingInFlight(),
                    options.ceilingBatchRows(), options.ceilingLingerMs()).write(rows, 0);
            new DriverCeiling(session, DriverCeiling.Mode.SINGLE, options.ceilingInFlight(), 1, 0)
                    .write(rows.subList(0, Math.min(rows.size(), 100_000)), 0);
        } catch (IllegalStateException e) {
            // A cold node can time a write out (flushes, GC); the warm-up only has to make it warm.
            step("warm-up: a write failed (" + e.getCause() + "); the warm-up ends here, unmeasured anyway");
        }
    }

    // ---------------------------------------------------------------- throughput

    /**
     * Empties the table, then waits until Cassandra is idle (under a fifth of a core for a second),
     * so that no run pays for the flushes and compactions its predecessor left behind: without this
     * the first run after the warm-up was up to 1.7× slower than the same run repeated.
     */
    private void truncateAndSettle() throws InterruptedException {
        table.truncate();
        long pid = cassandra.pid().orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long before = CpuSampler.cpuMillis(pid);
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            long now = CpuSampler.cpuMillis(pid);
            if (now - before < 200) {
                return;
            }
            before = now;
        }
        step("Cassandra still busy after 60 s; measuring anyway");
    }

    private void ceiling(String key, DriverCeiling.Mode mode, int rep) throws InterruptedException {
        truncateAndSettle();
        DriverCeiling ceiling = new DriverCeiling(session, mode, options.ceilingInFlight(), options.ceilingBatchRows(),
                options.ceilingLingerMs());
        try (CpuSampler server = new CpuSampler(cassandra.pid().orElseThrow());
                CpuSampler client = new CpuSampler(ProcessHandle.current().pid())) {
            DriverCeiling.Outcome outcome;
            try {
                outcome = ceiling.write(rows, 0);
            } catch (IllegalStateException e) {
                // The raw driver has no retry for a timed-out write: record the failed run, go on.
                results.get(key).notes.add("run " + rep + " failed: " + e.getCause());
                step(key + " run " + rep + " failed: " + e.getCause());
                return;
            }
            UserEventsTable.Span span = table.span(); // write() returns once every request is acknowledged
            record(key, rep, span, null, server, client, String.format(Locale.ROOT, "%.1f rows/request",
                    (double) outcome.rows() / outcome.requests()));
        }
    }

    private void jobThroughput(String key, int rep) throws Exception {
        truncateAndSettle();
        String name = key + "-throughput-" + rep;
        try (JobJvm job = startJob(key, name, TOPIC, true);
                CpuSampler server = new CpuSampler(cassandra.pid().orElseThrow());
                CpuSampler client = new CpuSampler(job.pid())) {
            job.awaitExit(Duration.ofMinutes(20));
            OptionalDouble rowsPerRequest = job.rowsPerRequest();
            record(key, rep, table.span(measuredFrom), job.heapPeak(), server, client, rowsPerRequest.isPresent()
                    ? String.format(Locale.ROOT, "%.1f rows/request", rowsPerRequest.getAsDouble()) : null);
        }
    }

    private JobJvm startJob(String key, String name, String topic, boolean bounded) {
        Path dir = options.workDir().resolve("jobs");
        if (key.equals("b")) {
            return JobJvm.start(name, dir, options.jobHeap(), false, SeedLikeJob.class.getName(), List.of(
                    kafka.bootstrapServers(), topic, "127.0.0.1", Integer.toString(cassandra.cqlPort()),
                    Boolean.toString(bounded), Integer.toString(options.baselineInFlight())));
        }
        List<String> args = new ArrayList<>(List.of(
                "--local", "true", "--local.web-ui-port", "0",
                "--kafka.bootstrap-servers", kafka.bootstrapServers(), "--kafka.topic", topic,
                "--kafka.group-id", name, "--kafka.starting-offsets", "earliest",
                "--kafka.bounded", Boolean.toString(bounded), "--dlq.topic", DLQ_TOPIC,
                "--cassandra.contact-points", "127.0.0.1", "--cassandra.port", Integer.toString(cassandra.cqlPort())));
        args.addAll(List.of("--job.parallelism", jobParallelism()));
        for (String arg : options.jobArgs()) {
            if (arg.startsWith("job.parallelism=")) {
                continue;
            }
            int eq = arg.indexOf('=');
            args.add("--" + arg.substring(0, eq));
            args.add(arg.substring(eq + 1));
        }
        return JobJvm.start(name, dir, options.jobHeap(), options.jfr(), EventPipelineJob.class.getName(), args);
    }

    private void record(String key, int rep, UserEventsTable.Span span, JobJvm.HeapPeak heap, CpuSampler server,
            CpuSampler client, String note) {
        long from = span.firstWriteMicros() / 1000;
        long to = span.lastWriteMicros() / 1000;
        long cassandraCpuMillis = server.cpuBetween(from, to);
        long clientCpuMillis = client.cpuBetween(from, to);
        Result result = results.get(key);
        if (span.rows() != rows.size()) {
            result.notes.add("run " + rep + ": " + span.rows() + " rows of " + rows.size());
        }
        result.rowsPerSecond.add(span.rowsPerSecond());
        result.seconds.add(span.seconds());
        if (heap != null) {
            result.heapUsedMiB.add(heap.usedBeforeGcMiB());
            result.heapLiveMiB.add(heap.liveAfterGcMiB());
        }
        if (note != null && rep == 1) {
            result.notes.add(note);
        }
        double cassandraMicros = cassandraCpuMillis * 1000.0 / Math.max(1, span.rows());
        double clientMicros = clientCpuMillis * 1000.0 / Math.max(1, span.rows());
        result.cassandraCpuMicrosPerRow.add(cassandraMicros);
        result.clientCpuMicrosPerRow.add(clientMicros);
        step(String.format(Locale.ROOT, "%s run %d: %,d rows in %.1f s = %,.0f rows/s, CPU per row: Cassandra %.1f µs, "
                        + "client %.1f µs%s%s (load %s)", key, rep,
                span.rows(), span.seconds(), span.rowsPerSecond(), cassandraMicros, clientMicros,
                heap == null ? "" : ", heap peak " + heap.usedBeforeGcMiB() + " MiB used / "
                        + heap.liveAfterGcMiB() + " MiB live after GC / " + heap.poolPeaksMiB() + " MiB pool peaks",
                note == null ? "" : ", " + note, formatLoad(loadAverage())));
    }

    // ---------------------------------------------------------------- latency

    private void ceilingLatency(String key, DriverCeiling.Mode mode) throws InterruptedException {
        Result result = results.get(key);
        double rate = options.latencyRate() > 0 ? options.latencyRate() : result.medianRate() / 2;
        // The ceilings run in the benchmark's already warm JVM: a short warm-up is enough.
        int warmupSeconds = Math.min(options.warmupSeconds(), 10);
        int count = (int) Math.min(rows.size(), rate * (warmupSeconds + options.latencySeconds()));
        int warm = (int) Math.min(count, rate * warmupSeconds);
        truncateAndSettle();
        step(String.format(Locale.ROOT, "%s latency: %,d rows at %,.0f rows/s", key, count, rate));
        DriverCeiling ceiling = new DriverCeiling(session, mode, options.ceilingInFlight(), options.ceilingBatchRows(),
                options.ceilingLingerMs());
        DriverCeiling.Outcome outcome = ceiling.write(rows.subList(0, count), rate);
        long[] measured = Arrays.copyOfRange(outcome.latencyNanos(), warm, count);
        double[] millis = Arrays.stream(measured).mapToDouble(n -> n / 1e6).toArray();
        setLatency(result, rate, millis);
    }

    private void jobLatency(String key) throws Exception {
        Result result = results.get(key);
        double rate = options.latencyRate() > 0 ? options.latencyRate() : result.medianRate() / 2;
        if (Double.isNaN(rate)) {
            return;
        }
        String topic = "latency-" + key;
        kafka.createTopics(List.of(new TopicSpec(topic, 3, (short) 1)));
        truncateAndSettle();
        EventGenerator generator = EventGenerator.standard(options.seed() + 1, 1);
        Instant base = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        long[] counter = {0};
        java.util.function.Supplier<UserEvent> next = () -> generator.live(base.plusMillis(counter[0]++));
        Map<UUID, Long> sentAt = new ConcurrentHashMap<>();
        long warm = (long) (rate * options.warmupSeconds());
        long measured = (long) (rate * options.latencySeconds());
        List<UserEvent> tail = new ArrayList<>();
        try (JobJvm job = startJob(key, key + "-latency", topic, false);
                EventLoad load = new EventLoad(kafka.bootstrapServers(), 5)) {
            step(key + " latency: waiting for the job to write a first probe row");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            UserEvent probe = null;
            while (probe == null || !table.exists(probe.userId(), probe.eventTime(), probe.eventType())) {
                if (!job.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(key + " latency job did not start writing: " + job.logTail());
                }
                probe = next.get();
                load.send(topic, probe, System.currentTimeMillis());
                Thread.sleep(500);
            }
            step(String.format(Locale.ROOT, "%s latency: %d s warm-up + %d s measured at %,.0f events/s", key,
                    options.warmupSeconds(), options.latencySeconds(), rate));
            long[] index = {0};
            load.paced(topic, rate, warm + measured, next, (event, ts) -> {
                if (index[0]++ >= warm) {
                    sentAt.put(event.eventId(), ts);
                }
                if (index[0] > warm + measured - 50) {
                    tail.add(event);
                }
            });
            step(key + " latency: waiting until the last events are visible");
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            for (UserEvent event : tail) {
                while (!table.exists(event.userId(), event.eventTime().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                        event.eventType())) {
                    if (System.nanoTime() > deadline || !job.isAlive()) {
                        throw new IllegalStateException(key + " latency: rows did not arrive: " + job.logTail());
                    }
                    Thread.sleep(200);
                }
            }
            Thread.sleep(2000);
            job.stop();
        }
        Map<UUID, Long> written = table.writeTimes();
        double[] millis = new double[sentAt.size()];
        int n = 0;
        int missing = 0;
        for (Map.Entry<UUID, Long> sent : sentAt.entrySet()) {
            Long micros = written.get(sent.getKey());
            if (micros == null) {
                missing++;
            } else {
                millis[n++] = micros / 1000.0 - sent.getValue();
            }
        }
        if (missing > 0) {
            result.notes.add("latency run: " + missing + " rows missing");
        }
        logLatencyOverTime(key, sentAt, written);
        setLatency(result, rate, Arrays.copyOf(millis, n));
    }

    /** p50 per 5 s of send time: a job that keeps up is flat, one that falls behind climbs. */
    private void logLatencyOverTime(String key, Map<UUID, Long> sentAt, Map<UUID, Long> written) {
        long first = sentAt.values().stream().mapToLong(Long::longValue).min().orElse(0);
        Map<Long, List<Double>> buckets = new TreeMap<>();
        sentAt.forEach((id, ts) -> {
            Long micros = written.get(id);
            if (micros != null) {
                buckets.computeIfAbsent((ts - first) / 5000, b -> new ArrayList<>()).add(micros / 1000.0 - ts);
            }
        });
        StringBuilder line = new StringBuilder(key + " latency p50 per 5 s of sending:");
        buckets.forEach((b, values) -> line.append(String.format(Locale.ROOT, " %.0f", median(values))));
        step(line + " ms");
    }

    private void setLatency(Result result, double rate, double[] millis) {
        Arrays.sort(millis);
        result.latencyRate = rate;
        result.latencySamples = millis.length;
        result.p50Millis = percentile(millis, 0.50);
        result.p99Millis = percentile(millis, 0.99);
        result.maxMillis = millis.length == 0 ? Double.NaN : millis[millis.length - 1];
        step(String.format(Locale.ROOT, "%s latency at %,.0f/s: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%,d samples)",
                result.key, rate, result.p50Millis, result.p99Millis, result.maxMillis, millis.length));
    }

    // ---------------------------------------------------------------- report

    private String report(Instant started, Instant finished) {
        StringBuilder out = new StringBuilder();
        double[] loads1 = loadSamples.stream().mapToDouble(s -> s[0]).sorted().toArray();
        out.append(String.format(Locale.ROOT, "Run %s → %s (%.0f min); %d events, seed %d, %d repeats%n",
                DateTimeFormatter.ISO_INSTANT.format(started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
                DateTimeFormatter.ISO_LOCAL_TIME.format(finished.atOffset(ZoneOffset.UTC).toLocalTime().withNano(0)),
                Duration.between(started, finished).toSeconds() / 60.0, options.events(), options.seed(),
                options.repeats()));
        out.append(String.format(Locale.ROOT, "Machine: %d cores, %s, Java %s; 1-min load during the run: "
                        + "min %.1f, median %.1f, max %.1f (%d samples)%n%n",
                Runtime.getRuntime().availableProcessors(), memTotal(), System.getProperty("java.version"),
                loads1.length == 0 ? Double.NaN : loads1[0], percentile(loads1, 0.5),
                loads1.length == 0 ? Double.NaN : loads1[loads1.length - 1], loads1.length));
        out.append("| system | rows/s (median) | runs (rows/s) | p50 / p99 latency at half max | heap peak used / live (MiB) "
                + "| CPU µs/row: Cassandra / client | notes |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (Result r : results.values()) {
            if (r.rowsPerSecond.isEmpty()) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "| %s | **%,.0f** | %s | %s | %s | %.0f / %.0f | %s |%n", r.label,
                    r.medianRate(),
                    String.join(", ", r.rowsPerSecond.stream().map(v -> String.format(Locale.ROOT, "%,.0f", v)).toList()),
                    Double.isNaN(r.p50Millis) ? "—" : String.format(Locale.ROOT, "%.0f / %.0f ms at %,.0f/s",
                            r.p50Millis, r.p99Millis, r.latencyRate),
                    r.heapUsedMiB.isEmpty() ? "— (in-process)" : Collections.max(r.heapUsedMiB) + " / "
                            + Collections.max(r.heapLiveMiB),
                    median(r.cassandraCpuMicrosPerRow), median(r.clientCpuMicrosPerRow),
                    String.join("; ", r.notes)));
        }
        Result a1 = results.get("a1");
        Result a2 = results.get("a2");
        Result b = results.get("b");
        Result c = results.get("c");
        double ceiling = Math.max(a1.rowsPerSecond.isEmpty() ? 0 : a1.medianRate(),
                a2.rowsPerSecond.isEmpty() ? 0 : a2.medianRate());
        out.append('\n');
        if (!c.rowsPerSecond.isEmpty() && ceiling > 0) {
            out.append(String.format(Locale.ROOT, "(c)/(a) = %.2f (goal ≥ 0.75; ceiling = the faster of the two (a) rows)%n",
                    c.medianRate() / ceiling));
        }
        if (!c.rowsPerSecond.isEmpty() && !b.rowsPerSecond.isEmpty()) {
            out.append(String.format(Locale.ROOT, "(c)/(b) = %.1f (goal ≥ 3)%n", c.medianRate() / b.medianRate()));
        }
        out.append("\nCPU per row: process CPU time (sampled every 200 ms) between the first and the last "
                + "write, over the rows; client = the job's JVM, or the benchmark's JVM for the ceilings.\n");
        out.append("\nLatency: jobs from the Kafka record timestamp to the row's WRITETIME (the driver's client-side "
                + "timestamp, taken when the request is built); ceilings from hand-off to acknowledgement.\n");
        return out.toString();
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    private void step(String message) {
        log.println("[bench " + DateTimeFormatter.ISO_LOCAL_TIME.format(
                Instant.now().atOffset(ZoneOffset.UTC).toLocalTime().withNano(0)) + "] " + message);
    }

    /** 1, 5 and 15-minute load averages. */
    static double[] loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2])};
        } catch (IOException | RuntimeException e) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
    }

    private static String formatLoad(double[] load) {
        return String.format(Locale.ROOT, "%.2f %.2f %.2f", load[0], load[1], load[2]);
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
