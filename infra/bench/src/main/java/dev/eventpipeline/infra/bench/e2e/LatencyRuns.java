package dev.eventpipeline.infra.bench.e2e;

import dev.eventpipeline.infra.bench.ceiling.DriverCeiling;
import dev.eventpipeline.infra.bench.jvm.JobJvm;
import dev.eventpipeline.infra.cassandra.UserEventsTable;
import dev.eventpipeline.infra.generate.EventGenerator;
import dev.eventpipeline.infra.generate.GeneratedRecord;
import dev.eventpipeline.model.UserEvent;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Latency at a fixed rate, by default half of each system's median throughput, after an unmeasured
 * warm-up at the same rate. Jobs: a fresh topic, the job started unbounded, a probe until its first
 * row appears, then Kafka record timestamp → the row's WRITETIME. Ceilings: hand-off → acknowledgement.
 */
final class LatencyRuns {

    private final EndToEndBenchmark.Options options;
    private final BenchServers servers;
    private final CeilingRuns ceilings;
    private final JobRuns jobs;
    private final List<UserEventCassandraModel> rows;
    private final Results results;
    private final StepLog log;

    LatencyRuns(EndToEndBenchmark.Options options, BenchServers servers, CeilingRuns ceilings, JobRuns jobs,
            List<UserEventCassandraModel> rows, Results results, StepLog log) {
        this.options = options;
        this.servers = servers;
        this.ceilings = ceilings;
        this.jobs = jobs;
        this.rows = rows;
        this.results = results;
        this.log = log;
    }

    void ceiling(String key, DriverCeiling.Mode mode) throws InterruptedException {
        SystemResult result = results.get(key);
        double rate = rate(result);
        // The ceilings run in the benchmark's already warm JVM: a short warm-up is enough.
        int warmupSeconds = Math.min(options.warmupSeconds(), 10);
        int count = (int) Math.min(rows.size(), rate * (warmupSeconds + options.latencySeconds()));
        int warm = (int) Math.min(count, rate * warmupSeconds);
        servers.truncateAndSettle();
        log.step(String.format(Locale.ROOT, "%s latency: %,d rows at %,.0f rows/s", key, count, rate));
        DriverCeiling.Outcome outcome = ceilings.writer(mode).write(rows.subList(0, count), rate);
        long[] measured = Arrays.copyOfRange(outcome.latencyNanos(), warm, count);
        double[] millis = Arrays.stream(measured).mapToDouble(n -> n / 1e6).toArray();
        setLatency(result, rate, millis);
    }

    void job(String key) throws Exception {
        SystemResult result = results.get(key);
        double rate = rate(result);
        if (Double.isNaN(rate)) {
            return;
        }
        String topic = "latency-" + key;
        servers.createTopic(topic, 3);
        servers.truncateAndSettle();
        UserEventsTable table = servers.table();
        EventGenerator generator = RunEvents.live(options.generatedUsers());
        Map<UUID, Long> sentAt = new ConcurrentHashMap<>();
        long warm = (long) (rate * options.warmupSeconds());
        long measured = (long) (rate * options.latencySeconds());
        List<UserEvent> tail = new ArrayList<>();
        try (JobJvm job = jobs.start(key, key + "-latency", topic, false);
                EventLoad load = new EventLoad(servers.bootstrapServers(), 5)) {
            log.step(key + " latency: waiting for the job to write a first probe row");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            UserEvent probe = null;
            while (probe == null || !table.exists(probe.userId(), probe.eventTime(), probe.eventType())) {
                if (!job.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(key + " latency job did not start writing: " + job.logTail());
                }
                GeneratedRecord record = generator.next();
                probe = record.event().orElseThrow();
                load.send(topic, record, System.currentTimeMillis());
                Thread.sleep(500);
            }
            log.step(String.format(Locale.ROOT, "%s latency: %d s warm-up + %d s measured at %,.0f events/s", key,
                    options.warmupSeconds(), options.latencySeconds(), rate));
            long[] index = {0};
            load.paced(topic, rate, warm + measured, generator::next, (record, ts) -> {
                UserEvent event = record.event().orElseThrow();
                if (index[0]++ >= warm) {
                    sentAt.put(event.eventId(), ts);
                }
                if (index[0] > warm + measured - 50) {
                    tail.add(event);
                }
            });
            log.step(key + " latency: waiting until the last events are visible");
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            for (UserEvent event : tail) {
                while (!table.exists(event.userId(), event.eventTime().truncatedTo(ChronoUnit.MILLIS), event.eventType())) {
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

    /** {@code --latency-rate}, or half the system's median throughput (NaN if it was not measured). */
    private double rate(SystemResult result) {
        return options.latencyRate() > 0 ? options.latencyRate() : result.medianRate() / 2;
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
        buckets.forEach((b, values) -> line.append(String.format(Locale.ROOT, " %.0f", Stats.median(values))));
        log.step(line + " ms");
    }

    private void setLatency(SystemResult result, double rate, double[] millis) {
        Arrays.sort(millis);
        result.latencyRate = rate;
        result.latencySamples = millis.length;
        result.p50Millis = Stats.percentile(millis, 0.50);
        result.p99Millis = Stats.percentile(millis, 0.99);
        result.maxMillis = millis.length == 0 ? Double.NaN : millis[millis.length - 1];
        log.step(String.format(Locale.ROOT, "%s latency at %,.0f/s: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%,d samples)",
                result.key, rate, result.p50Millis, result.p99Millis, result.maxMillis, millis.length));
    }
}
