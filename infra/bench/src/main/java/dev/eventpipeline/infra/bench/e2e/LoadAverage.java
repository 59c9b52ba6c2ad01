package dev.eventpipeline.infra.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The machine's load averages ({@code /proc/loadavg}), sampled every 5 s for the whole run: the
 * report states how busy the machine was, since other load moves every number.
 */
final class LoadAverage implements AutoCloseable {

    private final List<double[]> samples = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "loadavg");
        t.setDaemon(true);
        return t;
    });

    /** Starts sampling now. */
    LoadAverage() {
        sampler.scheduleAtFixedRate(() -> samples.add(now()), 0, 5, TimeUnit.SECONDS);
    }

    /** The 1-minute load averages sampled so far, sorted. */
    double[] oneMinuteSorted() {
        synchronized (samples) {
            return samples.stream().mapToDouble(s -> s[0]).sorted().toArray();
        }
    }

    /** 1, 5 and 15-minute load averages. */
    static double[] now() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2])};
        } catch (IOException | RuntimeException e) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
    }

    /** The current 1, 5 and 15-minute load averages, as a log line shows them. */
    static String nowFormatted() {
        double[] load = now();
        return String.format(Locale.ROOT, "%.2f %.2f %.2f", load[0], load[1], load[2]);
    }

    /** Stops sampling; the samples stay readable. */
    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
