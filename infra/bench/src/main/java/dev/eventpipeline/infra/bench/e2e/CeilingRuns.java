package dev.eventpipeline.infra.bench.e2e;

import dev.eventpipeline.infra.bench.ceiling.DriverCeiling;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.util.List;
import java.util.Locale;

/**
 * (a) the ceilings: the run's rows written straight into Cassandra with driver 4 from this JVM, one
 * row per request ({@code a1}) or one-partition UNLOGGED batches ({@code a2}); and the unmeasured
 * pass before everything that warms Cassandra up.
 */
final class CeilingRuns {

    private final EndToEndBenchmark.Options options;
    private final BenchServers servers;
    private final List<UserEventCassandraModel> rows;
    private final Results results;
    private final StepLog log;

    CeilingRuns(EndToEndBenchmark.Options options, BenchServers servers, List<UserEventCassandraModel> rows,
            Results results, StepLog log) {
        this.options = options;
        this.servers = servers;
        this.rows = rows;
        this.results = results;
        this.log = log;
    }

    /** The writer of the given mode, with the run's in-flight, batch size and linger. */
    DriverCeiling writer(DriverCeiling.Mode mode) {
        return new DriverCeiling(servers.session(), mode, options.ceilingInFlight(), options.ceilingBatchRows(),
                options.ceilingLingerMs());
    }

    /** One unmeasured pass of the rows, so no system meets a cold Cassandra (JIT, memtables). */
    void warmUpCassandra() throws InterruptedException {
        log.step("warm-up: writing the rows once, not measured");
        try {
            writer(DriverCeiling.Mode.BATCH).write(rows, 0);
            new DriverCeiling(servers.session(), DriverCeiling.Mode.SINGLE, options.ceilingInFlight(), 1, 0)
                    .write(rows.subList(0, Math.min(rows.size(), 100_000)), 0);
        } catch (IllegalStateException e) {
            // A cold node can time a write out (flushes, GC); the warm-up only has to make it warm.
            log.step("warm-up: a write failed (" + e.getCause() + "); the warm-up ends here, unmeasured anyway");
        }
    }

    /** Throughput run {@code rep} of ceiling {@code key}, on an emptied, settled table. */
    void throughput(String key, DriverCeiling.Mode mode, int rep) throws InterruptedException {
        servers.truncateAndSettle();
        DriverCeiling ceiling = writer(mode);
        try (CpuSampler server = new CpuSampler(servers.cassandraPid());
                CpuSampler client = new CpuSampler(ProcessHandle.current().pid())) {
            DriverCeiling.Outcome outcome;
            try {
                outcome = ceiling.write(rows, 0);
            } catch (IllegalStateException e) {
                // The raw driver has no retry for a timed-out write: record the failed run, go on.
                results.recordFailure(key, rep, e.getCause());
                return;
            }
            // write() returns once every request is acknowledged
            results.recordRun(key, rep, servers.table().span(), null, server, client,
                    String.format(Locale.ROOT, "%.1f rows/request", (double) outcome.rows() / outcome.requests()));
        }
    }
}
