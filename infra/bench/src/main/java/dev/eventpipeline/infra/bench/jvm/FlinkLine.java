package dev.eventpipeline.infra.bench.jvm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A Flink line the benchmark runs our job on, and the classpath of a job JVM on it: Flink 1.20 is the
 * benchmark's own classpath; Flink 2.x is the one module {@code infra/bench/flink2} resolves (the Flink 2
 * job JAR and Flink 2's runtime), with the benchmark's classes in front for {@link WithHeapReport} and its
 * logging configuration.
 */
public enum FlinkLine {
    FLINK_1("flink.version"),
    FLINK_2("flink2.version");

    private static final Properties BENCH = load();

    private final String versionKey;

    FlinkLine(String versionKey) {
        this.versionKey = versionKey;
    }

    /** The Flink version of this line, from the parent POM (e.g. {@code 2.2.1}). */
    public String version() {
        return BENCH.getProperty(versionKey).trim();
    }

    /** JVM flags Flink needs on Java 17 (the parent POM's {@code flink.jvm.opens}). */
    static String jvmOpens() {
        return BENCH.getProperty("flink.jvm.opens").trim();
    }

    /** The classpath of a job JVM on this line. */
    public String classpath() {
        if (this == FLINK_1) {
            return System.getProperty("java.class.path");
        }
        Path file = Path.of(System.getProperty("bench.root", "."), "infra", "bench", "flink2", "target", "classpath.txt");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no Flink 2 classpath at " + file
                    + ": run the benchmark with infra/bin/bench, which builds infra/bench/flink2");
        }
        try {
            return ownClasses() + java.io.File.pathSeparator + Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String ownClasses() {
        try {
            return Path.of(WithHeapReport.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = FlinkLine.class.getResourceAsStream("/bench.properties")) {
            properties.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("bench.properties missing from the classpath", e);
        }
        return properties;
    }
}
