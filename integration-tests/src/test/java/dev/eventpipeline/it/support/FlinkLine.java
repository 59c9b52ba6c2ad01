package dev.eventpipeline.it.support;

import org.apache.flink.runtime.util.EnvironmentInformation;

/**
 * The Flink line these tests run on: the one on this module's classpath, which is also what its session
 * cluster is started from (integration-tests: 1.20; integration-tests/flink2: 2.x).
 */
public final class FlinkLine {

    private FlinkLine() {}

    /** Flink's version as its own jars report it, e.g. "1.20.5" or "2.2.1". */
    public static String version() {
        return EnvironmentInformation.getVersion();
    }

    public static boolean isFlink2() {
        return version().startsWith("2");
    }

    /**
     * What scenario names end in: " (Flink 2.2)" on 2.x, nothing on 1.20, whose rows in
     * docs/reliability.md keep their names.
     */
    public static String scenarioSuffix() {
        if (!isFlink2()) {
            return "";
        }
        String[] parts = version().split("\\.");
        return " (Flink " + (parts.length >= 2 ? parts[0] + "." + parts[1] : version()) + ")";
    }
}
