package dev.eventpipeline.job;

import java.util.Properties;
import org.apache.flink.metrics.prometheus.LoopbackPrometheusReporter;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Creates the local job's Prometheus reporter ({@link LoopbackPrometheusReporter}) from
 * {@code metrics.reporter.<name>.host} (default 127.0.0.1) and {@code metrics.reporter.<name>.port}.
 * Needs {@code flink-metrics-prometheus} on the class path (the CLI's); a cluster uses Flink's own
 * {@code PrometheusReporterFactory} from its plugins directory instead.
 */
public final class LoopbackPrometheusReporterFactory implements MetricReporterFactory {

    static final String HOST = "host";
    static final String PORT = "port";

    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        String host = properties.getProperty(HOST, LocalClusterConfiguration.LOOPBACK);
        String port = properties.getProperty(PORT, "9249");
        try {
            return new LoopbackPrometheusReporter(host, Integer.parseInt(port.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metrics.reporter." + LocalClusterConfiguration.PROMETHEUS_REPORTER
                    + ".port must be one port number (0-65535), not '" + port + "'", e);
        }
    }
}
