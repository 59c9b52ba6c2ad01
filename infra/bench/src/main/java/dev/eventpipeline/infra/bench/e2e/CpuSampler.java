package dev.eventpipeline.infra.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples a process's CPU time (utime + stime from /proc, Linux) every 200 ms, so the CPU spent
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

    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // USER_HZ = 100
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
