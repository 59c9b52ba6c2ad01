package dev.eventpipeline.infra.bench.e2e;

import java.util.ArrayList;
import java.util.List;

/** What was measured of one system: each throughput run, its latency run, and notes for the report. */
final class SystemResult {

    final String key;
    final String label;
    final List<Double> rowsPerSecond = new ArrayList<>();
    final List<Double> seconds = new ArrayList<>();
    final List<Long> heapUsedMiB = new ArrayList<>();
    final List<Long> heapLiveMiB = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final List<Double> cassandraCpuMicrosPerRow = new ArrayList<>();
    final List<Double> clientCpuMicrosPerRow = new ArrayList<>();
    double latencyRate = Double.NaN;
    double p50Millis = Double.NaN;
    double p99Millis = Double.NaN;
    double maxMillis = Double.NaN;
    long latencySamples;

    SystemResult(String key, String label) {
        this.key = key;
        this.label = label;
    }

    double medianRate() {
        return Stats.median(rowsPerSecond);
    }

    boolean measured() {
        return !rowsPerSecond.isEmpty();
    }
}
