package dev.eventpipeline.job;

import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;

/**
 * The embedded MiniCluster's network settings in local mode ({@code --local}): every port it opens (REST
 * and Web UI, RPC, blob server, data exchange) on 127.0.0.1 only, and a REST API that refuses JAR uploads
 * and job cancelling, so nobody who can reach the machine can run code as its user. A user who wants
 * otherwise says so in Flink's own configuration: the {@code config.yaml} in {@code FLINK_CONF_DIR}, when
 * that is set, overrides these (e.g. {@code rest.bind-address: 0.0.0.0}, {@code web.submit.enable: true}).
 */
final class LocalClusterConfiguration {

    static final String LOOPBACK = "127.0.0.1";
    static final String FLINK_CONF_DIR = "FLINK_CONF_DIR";
    /** The reporter's name in Flink's configuration keys (metrics.reporter.prom.*), as in Flink's documentation. */
    static final String PROMETHEUS_REPORTER = "prom";

    private LocalClusterConfiguration() {}

    /** The loopback-only defaults, then the user's Flink configuration if {@code FLINK_CONF_DIR} is set. */
    static Configuration of(Map<String, String> environment) {
        return of(environment, 0);
    }

    /**
     * As {@link #of(Map)}, with a Prometheus endpoint on 127.0.0.1:{@code metricsPort} (0: none), which the
     * user's configuration may change too (e.g. {@code metrics.reporter.prom.host: 0.0.0.0}).
     */
    static Configuration of(Map<String, String> environment, int metricsPort) {
        Configuration configuration = loopbackOnly();
        if (metricsPort > 0) {
            configuration.addAll(prometheusReporter(metricsPort));
        }
        String userConfigurationDir = environment.get(FLINK_CONF_DIR);
        if (userConfigurationDir != null && !userConfigurationDir.isBlank()) {
            configuration.addAll(GlobalConfiguration.loadConfiguration(userConfigurationDir));
        }
        return configuration;
    }

    /**
     * The Prometheus reporter on loopback. Flink's own (PrometheusReporterFactory) binds every interface and
     * has no host option in 1.20, so the local job uses {@link LoopbackPrometheusReporterFactory}: the same
     * reporter and metric names, on one address.
     */
    static Configuration prometheusReporter(int port) {
        Configuration configuration = new Configuration();
        String prefix = "metrics.reporter." + PROMETHEUS_REPORTER + ".";
        configuration.set(stringKey(prefix + "factory.class"), LoopbackPrometheusReporterFactory.class.getName());
        configuration.set(stringKey(prefix + LoopbackPrometheusReporterFactory.HOST), LOOPBACK);
        configuration.set(stringKey(prefix + LoopbackPrometheusReporterFactory.PORT), Integer.toString(port));
        return configuration;
    }

    private static ConfigOption<String> stringKey(String key) {
        return ConfigOptions.key(key).stringType().noDefaultValue();
    }

    static Configuration loopbackOnly() {
        Configuration configuration = new Configuration();
        configuration.set(RestOptions.ADDRESS, LOOPBACK);
        configuration.set(RestOptions.BIND_ADDRESS, LOOPBACK);
        configuration.set(JobManagerOptions.ADDRESS, LOOPBACK);
        configuration.set(JobManagerOptions.BIND_HOST, LOOPBACK);
        configuration.set(TaskManagerOptions.HOST, LOOPBACK);
        configuration.set(TaskManagerOptions.BIND_HOST, LOOPBACK);
        configuration.set(WebOptions.SUBMIT_ENABLE, false);
        configuration.set(WebOptions.CANCEL_ENABLE, false);
        return configuration;
    }
}
