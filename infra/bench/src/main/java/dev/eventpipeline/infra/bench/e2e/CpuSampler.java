package dev.eventpipeline.infra.bench.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples a process's CPU time (the JDK's {@link ProcessHandle.Info}) every 200 ms, so the CPU spent
 * between the first and the last write of a run can be read off without start-up and shutdown.
 */
final class CpuSampler implements AutoCloseable {

    private record Sample(long wallMillis, long cpuMillis) {}

    private final long pid;
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cpu-sampler");
        t.setDaemon(true);
        return t;
    });

    CpuSampler(long pid) {
        this.pid = pid;
        timer.scheduleAtFixedRate(this::sample, 0, 200, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        long cpu = cpuMillis(pid);
        if (cpu >= 0) {
            synchronized (samples) {
                samples.add(new Sample(System.currentTimeMillis(), cpu));
            }
        }
    }

    /** CPU milliseconds the process spent between two wall-clock instants (epoch ms), interpolated. */
    long cpuBetween(long fromMillis, long toMillis) {
        synchronized (samples) {
            return at(toMillis) - at(fromMillis);
        }
    }

    private long at(long wall) {
        Sample before = null;
        for (Sample s : samples) {
            if (s.wallMillis() <= wall) {
                before = s;
            } else {
                if (before == null) {
                    return s.cpuMillis();
                }
                double f = (double) (wall - before.wallMillis()) / (s.wallMillis() - before.wallMillis());
                return before.cpuMillis() + Math.round(f * (s.cpuMillis() - before.cpuMillis()));
            }
        }
        return before == null ? 0 : before.cpuMillis();
    }

    /** The process's CPU time so far in milliseconds, or -1 if it is gone or the OS does not say. */
    static long cpuMillis(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration())
                .map(Duration::toMillis).orElse(-1L);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
