package dev.eventpipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalClusterConfigurationTest {

    @Test
    void everyAddressIsLoopbackAndTheWebUiTakesNoJars() {
        Configuration local = LocalClusterConfiguration.of(Map.of());

        assertThat(local.get(RestOptions.BIND_ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(local.get(RestOptions.ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(local.get(JobManagerOptions.BIND_HOST)).isEqualTo("127.0.0.1");
        assertThat(local.get(TaskManagerOptions.BIND_HOST)).isEqualTo("127.0.0.1");
        assertThat(local.get(TaskManagerOptions.HOST)).isEqualTo("127.0.0.1");
        assertThat(local.get(WebOptions.SUBMIT_ENABLE)).isFalse();
        assertThat(local.get(WebOptions.CANCEL_ENABLE)).isFalse();
    }

    @Test
    void theUsersFlinkConfigurationWins(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.yaml"), "rest.bind-address: 0.0.0.0\nweb.submit.enable: true\n");

        Configuration local = LocalClusterConfiguration.of(Map.of(LocalClusterConfiguration.FLINK_CONF_DIR, dir.toString()));

        assertThat(local.get(RestOptions.BIND_ADDRESS)).isEqualTo("0.0.0.0");
        assertThat(local.get(WebOptions.SUBMIT_ENABLE)).isTrue();
        assertThat(local.get(TaskManagerOptions.BIND_HOST)).isEqualTo("127.0.0.1");
    }

    @Test
    void aMetricsPortAddsTheLoopbackPrometheusReporter() {
        Map<String, String> reporter = LocalClusterConfiguration.of(Map.of(), 9349).toMap();

        assertThat(reporter).containsEntry("metrics.reporter.prom.factory.class", LoopbackPrometheusReporterFactory.class.getName())
                .containsEntry("metrics.reporter.prom.host", "127.0.0.1")
                .containsEntry("metrics.reporter.prom.port", "9349");
        assertThat(LocalClusterConfiguration.of(Map.of(), 0).toMap()).doesNotContainKey("metrics.reporter.prom.factory.class");
    }

    @Test
    void theUsersFlinkConfigurationMayMoveTheMetricsEndpoint(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.yaml"), "metrics.reporter.prom.host: 0.0.0.0\n");

        Map<String, String> local = LocalClusterConfiguration.of(Map.of(LocalClusterConfiguration.FLINK_CONF_DIR, dir.toString()), 9349).toMap();

        assertThat(local).containsEntry("metrics.reporter.prom.host", "0.0.0.0").containsEntry("metrics.reporter.prom.port", "9349");
    }

    @Test
    void theReporterServesFlinksTextFormatOnLoopbackOnly() throws Exception {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("port", "0");
        org.apache.flink.metrics.prometheus.LoopbackPrometheusReporter reporter =
                (org.apache.flink.metrics.prometheus.LoopbackPrometheusReporter) new LoopbackPrometheusReporterFactory()
                        .createMetricReporter(properties);
        try {
            org.apache.flink.metrics.SimpleCounter counter = new org.apache.flink.metrics.SimpleCounter();
            counter.inc(7);
            reporter.notifyOfAddedMetric(counter, "eventsIn", new OperatorScope());
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + reporter.port() + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).contains("flink_taskmanager_job_task_operator_eventsIn 7.0");
            assertThat(dev.eventpipeline.infra.process.ListeningSockets.of(List.of(ProcessHandle.current().pid())))
                    .filteredOn(socket -> socket.port() == reporter.port())
                    .singleElement().satisfies(socket -> assertThat(socket.address().getHostAddress()).isEqualTo("127.0.0.1"));
        } finally {
            reporter.close();
        }
    }

    /** A metric group with the operator's logical scope, as Flink's reporters need one. */
    private static final class OperatorScope extends org.apache.flink.metrics.groups.UnregisteredMetricsGroup
            implements org.apache.flink.metrics.LogicalScopeProvider {

        @Override
        public String getLogicalScope(org.apache.flink.metrics.CharacterFilter filter) {
            return getLogicalScope(filter, '.');
        }

        @Override
        public String getLogicalScope(org.apache.flink.metrics.CharacterFilter filter, char delimiter) {
            return String.join(String.valueOf(delimiter), "taskmanager", "job", "task", "operator");
        }

        @Override
        public org.apache.flink.metrics.MetricGroup getWrappedMetricGroup() {
            return this;
        }
    }
}
