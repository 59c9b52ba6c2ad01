package dev.eventpipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
