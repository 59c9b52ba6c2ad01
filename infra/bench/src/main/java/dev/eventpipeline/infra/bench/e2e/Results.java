package dev.eventpipeline.infra.bench.e2e;

import dev.eventpipeline.infra.bench.jvm.FlinkLine;
import dev.eventpipeline.infra.bench.jvm.JobJvm;
import dev.eventpipeline.infra.cassandra.UserEventsTable;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The measured systems in the report's order, (a1) (a2) (b) (c) (d) (e), each labelled with what it ran, and
 * how a throughput run is recorded: rows/s over the write-time span, CPU per row within it, heap.
 */
final class Results {

    private final Map<String, SystemResult> systems = new LinkedHashMap<>();
    private final long expectedRows;
    private final StepLog log;

    Results(EndToEndBenchmark.Options options, long expectedRows, StepLog log) {
        this.expectedRows = expectedRows;
        this.log = log;
        add("a1", "(a) ceiling: driver 4, one row per request, " + options.ceilingInFlight() + " in flight");
        add("a2", "(a) ceiling: driver 4, one-partition UNLOGGED batches ≤" + options.ceilingBatchRows() + " rows, "
                + options.ceilingLingerMs() + " ms linger, " + options.ceilingInFlight() + " in flight");
        add("b", "(b) seed-like job: parallelism 1, Jackson + POJO sink, " + options.baselineInFlight() + " in flight");
        String jobArgs = options.jobArgs().isEmpty() ? "" : " + " + String.join(" ", options.jobArgs());
        String parallelism = ", parallelism " + JobRuns.parallelism(options) + jobArgs;
        String flink1 = "Flink " + FlinkLine.FLINK_1.version();
        add("c", "(c) our job on " + flink1 + ", defaults (Sink V2 sink on driver 4)" + parallelism);
        add("d", "(d) our job on " + flink1 + ", cassandra.sink=connector (flink-connector-cassandra)" + parallelism);
        add("e", "(e) our job on Flink " + FlinkLine.FLINK_2.version() + ", defaults (Sink V2 sink on driver 4)"
                + parallelism);
    }

    private void add(String key, String label) {
        systems.put(key, new SystemResult(key, label));
    }

    SystemResult get(String key) {
        return systems.get(key);
    }

    Collection<SystemResult> all() {
        return systems.values();
    }

    /**
     * One throughput run: the rows' write-time span, the CPU the server and the client spent within
     * it, and the job's heap peak ({@code null} for the in-process ceilings). {@code note} is kept
     * from the first run only.
     */
    void recordRun(String key, int rep, UserEventsTable.Span span, JobJvm.HeapPeak heap, CpuSampler server,
            CpuSampler client, String note) {
        long from = span.firstWriteMicros() / 1000;
        long to = span.lastWriteMicros() / 1000;
        long cassandraCpuMillis = server.cpuBetween(from, to);
        long clientCpuMillis = client.cpuBetween(from, to);
        SystemResult result = systems.get(key);
        if (span.rows() != expectedRows) {
            result.notes.add("run " + rep + ": " + span.rows() + " rows of " + expectedRows);
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
        log.step(String.format(Locale.ROOT, "%s run %d: %,d rows in %.1f s = %,.0f rows/s, CPU per row: Cassandra %.1f µs, "
                        + "client %.1f µs%s%s (load %s)", key, rep,
                span.rows(), span.seconds(), span.rowsPerSecond(), cassandraMicros, clientMicros,
                heap == null ? "" : ", heap peak " + heap.usedBeforeGcMiB() + " MiB used / "
                        + heap.liveAfterGcMiB() + " MiB live after GC / " + heap.poolPeaksMiB() + " MiB pool peaks",
                note == null ? "" : ", " + note, LoadAverage.nowFormatted()));
    }

    /** A run that produced no measurement (e.g. a timed-out write of a ceiling). */
    void recordFailure(String key, int rep, Throwable cause) {
        systems.get(key).notes.add("run " + rep + " failed: " + cause);
        log.step(key + " run " + rep + " failed: " + cause);
    }
}
