package dev.eventpipeline.infra.bench.jvm;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs another main class and, when the JVM exits (normally or on SIGTERM), writes the peak heap
 * use to a file: {@code heapPoolPeaksBytes}, the sum of every heap pool's peak (an upper bound,
 * the pools peak at different times) and {@code heapMaxBytes}. The GC log gives the exact peak.
 *
 * <p>{@code java ... WithHeapReport <report-file> <main-class> <args...>}
 */
public final class WithHeapReport {

    private WithHeapReport() {}

    public static void main(String[] args) throws Throwable {
        Path report = Path.of(args[0]);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> write(report), "heap-report"));
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        System.exit(0); // a MiniCluster may leave non-daemon threads behind
    }

    private static void write(Path report) {
        long peaks = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peaks += pool.getPeakUsage().getUsed();
            }
        }
        String text = "heapPoolPeaksBytes=" + peaks + "\nheapMaxBytes="
                + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() + "\n";
        try {
            Files.writeString(report, text);
        } catch (IOException e) {
            System.err.println("could not write " + report + ": " + e);
        }
    }
}
