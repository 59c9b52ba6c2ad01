package dev.eventpipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.job.config.PipelineConfig;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class UserEventPipelineConfigurationTest {

    @Test
    void theJobRunsWithObjectReuseAndExponentialDelayRestarts() throws Exception {
        PipelineConfig config = PipelineConfig.load(new String[0], Map.of());

        Configuration flink = UserEventPipeline.flinkConfiguration(config.job());

        assertThat(flink.get(PipelineOptions.OBJECT_REUSE)).isTrue();
        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("exponential-delay");
    }

    @Test
    void buildingThePipelineAppliesObjectReuseToTheEnvironment() throws Exception {
        PipelineConfig config = PipelineConfig.load(new String[0], Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        assertThat(env.getConfig().isObjectReuseEnabled()).isFalse();

        UserEventPipeline.fromConfig(config).buildOn(env);

        assertThat(env.getConfig().isObjectReuseEnabled()).isTrue();
    }
}
