package dev.eventpipeline.infra.bench.e2e;

import java.util.List;

/** The two statistics the report is made of. */
final class Stats {

    private Stats() {}

    /** The middle value (the mean of the two middle ones for an even count), NaN for none. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The {@code q}-quantile of sorted values (nearest rank, rounded down), NaN for none. */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }
}
