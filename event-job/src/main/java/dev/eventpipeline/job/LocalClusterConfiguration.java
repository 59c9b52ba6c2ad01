package dev.eventpipeline.job;

import java.util.Map;
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

    private LocalClusterConfiguration() {}

    /** The loopback-only defaults, then the user's Flink configuration if {@code FLINK_CONF_DIR} is set. */
    static Configuration of(Map<String, String> environment) {
        Configuration configuration = loopbackOnly();
        String userConfigurationDir = environment.get(FLINK_CONF_DIR);
        if (userConfigurationDir != null && !userConfigurationDir.isBlank()) {
            configuration.addAll(GlobalConfiguration.loadConfiguration(userConfigurationDir));
        }
        return configuration;
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
