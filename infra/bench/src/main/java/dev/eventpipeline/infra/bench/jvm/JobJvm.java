package dev.eventpipeline.infra.bench.jvm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flink job in a JVM of its own (a MiniCluster), with a fixed heap, the Java 17 {@code
 * --add-opens} flags of the parent POM, a GC log and a heap report, so each job's memory and CPU are
 * its own and measurable.
 */
public final class JobJvm implements AutoCloseable {

    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    // The Cassandra sink logs one such line per writer subtask when it closes (CassandraRowSinkWriter).
    private static final Pattern WRITES_LINE = Pattern.compile("Wrote (\\d+) rows in (\\d+) requests");

    private final String name;
    private final Path dir;
    private final Process process;

    private JobJvm(String name, Path dir, Process process) {
        this.name = name;
        this.dir = dir;
        this.process = process;
    }

    /** Starts {@code mainClass} on {@code line} with {@code args}; output goes to {@code dir/<name>.log}. */
    public static JobJvm start(String name, Path dir, String heap, boolean jfr, FlinkLine line, String mainClass,
            List<String> args) {
        try {
            Files.createDirectories(dir);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx" + heap);
            command.addAll(Arrays.asList(FlinkLine.jvmOpens().split("\\s+")));
            command.add("-Xlog:gc:file=" + dir.resolve(name + ".gc.log"));
            if (jfr) {
                command.add("-XX:StartFlightRecording=filename=" + dir.resolve(name + ".jfr") + ",settings=profile");
            }
            command.add("-cp");
            command.add(line.classpath());
            command.add(WithHeapReport.class.getName());
            command.add(dir.resolve(name + ".heap").toString());
            command.add(mainClass);
            command.addAll(args);
            Files.writeString(dir.resolve(name + ".cmd"), String.join(" ", command) + "\n");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve(name + ".log").toFile())
                    .start();
            return new JobJvm(name, dir, process);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** Waits for the job to end by itself (bounded mode); fails with the log tail on error. */
    public void awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not finish within " + timeout + "; log: " + logTail());
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log: " + logTail());
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM (runs the heap report), then SIGKILL after 30 s. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    /** The peak heap used, from the GC log: the largest occupancy before a collection, in MiB. */
    public HeapPeak heapPeak() {
        long peakBefore = 0;
        long peakAfter = 0;
        try {
            Path gcLog = dir.resolve(name + ".gc.log");
            if (Files.exists(gcLog)) {
                for (String line : Files.readAllLines(gcLog)) {
                    Matcher m = GC_LINE.matcher(line);
                    if (m.find()) {
                        peakBefore = Math.max(peakBefore, Long.parseLong(m.group(1)));
                        peakAfter = Math.max(peakAfter, Long.parseLong(m.group(2)));
                    }
                }
            }
            long poolPeaks = -1;
            Path report = dir.resolve(name + ".heap");
            if (Files.exists(report)) {
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(report)) {
                    p.load(in);
                }
                poolPeaks = Long.parseLong(p.getProperty("heapPoolPeaksBytes", "-1")) / (1024 * 1024);
            }
            return new HeapPeak(peakBefore, peakAfter, poolPeaks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows per Cassandra request over all sink subtasks, from the job's log; empty if none logged. */
    public OptionalDouble rowsPerRequest() {
        long rows = 0;
        long requests = 0;
        try {
            for (String line : Files.readAllLines(dir.resolve(name + ".log"))) {
                Matcher m = WRITES_LINE.matcher(line);
                if (m.find()) {
                    rows += Long.parseLong(m.group(1));
                    requests += Long.parseLong(m.group(2));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return requests == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) rows / requests);
    }

    /**
     * MiB: largest use before a GC, largest live set after one, summed pool peaks (upper bound);
     * and the JVM's CPU time over its life (start-up included).
     */
    public record HeapPeak(long usedBeforeGcMiB, long liveAfterGcMiB, long poolPeaksMiB) {}

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
            return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
