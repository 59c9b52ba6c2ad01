package dev.eventpipeline.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventpipeline.job.config.PipelineConfig;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** Which Flink settings the job sets itself, and which it leaves to the cluster (Flink's convention). */
class UserEventPipelineConfigurationTest {

    @Test
    void theJobAlwaysRunsWithObjectReuseAndLeavesTheRestartStrategyToTheCluster() throws Exception {
        PipelineConfig config = PipelineConfig.load(new String[0], Map.of());

        Configuration flink = UserEventPipeline.flinkConfiguration(config.job());

        assertThat(flink.get(PipelineOptions.OBJECT_REUSE)).isTrue();
        assertThat(flink.getOptional(RestartStrategyOptions.RESTART_STRATEGY)).isEmpty();
        assertThat(flink.getOptional(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF)).isEmpty();
    }

    @Test
    void theJobsRestartOptionsWinWhenSet() throws Exception {
        PipelineConfig config = PipelineConfig.load(new String[] {"--restart.max-backoff", "5 s"}, Map.of());

        Configuration flink = UserEventPipeline.flinkConfiguration(config.job());

        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("exponential-delay");
        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF))
                .isEqualTo(Duration.ofSeconds(5));
        // Not set: Flink's default, not a copy of it that would hide the cluster's.
        assertThat(flink.getOptional(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF)).isEmpty();
    }

    @Test
    void theClustersCheckpointIntervalIsKeptWhenTheJobSetsNone() throws Exception {
        StreamExecutionEnvironment env = environmentWith(Duration.ofSeconds(7));

        UserEventPipeline.fromConfig(PipelineConfig.load(new String[0], Map.of())).buildOn(env);

        assertThat(env.getCheckpointConfig().getCheckpointInterval()).isEqualTo(7_000);
    }

    @Test
    void theJobsCheckpointIntervalWinsOverTheClusters() throws Exception {
        StreamExecutionEnvironment env = environmentWith(Duration.ofSeconds(7));

        UserEventPipeline.fromConfig(PipelineConfig.load(new String[] {"--checkpoint.interval", "3 s"}, Map.of())).buildOn(env);

        assertThat(env.getCheckpointConfig().getCheckpointInterval()).isEqualTo(3_000);
    }

    @Test
    void aClusterIntervalTooLongForTheDeadLetterTransactionsIsRefusedWhenTheJobIsBuilt() throws Exception {
        StreamExecutionEnvironment env = environmentWith(Duration.ofMinutes(14));
        UserEventPipeline pipeline = UserEventPipeline.fromConfig(
                PipelineConfig.load(new String[] {"--dlq.delivery-guarantee", "exactly-once"}, Map.of()));

        assertThatThrownBy(() -> pipeline.buildOn(env)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("dlq.transaction-timeout=15 min is not longer than checkpoint.interval=14 min "
                        + "(the cluster's execution.checkpointing.interval) + restart.max-backoff=1 min (Flink's default)");
    }

    @Test
    void withoutAnyIntervalTheJobCheckpointsEveryTenSeconds() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        assertThat(env.getCheckpointConfig().isCheckpointingEnabled()).isFalse();

        UserEventPipeline.fromConfig(PipelineConfig.load(new String[0], Map.of())).buildOn(env);

        assertThat(env.getCheckpointConfig().getCheckpointInterval()).isEqualTo(10_000);
    }

    @Test
    void buildingThePipelineAppliesObjectReuseToTheEnvironment() throws Exception {
        PipelineConfig config = PipelineConfig.load(new String[0], Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        assertThat(env.getConfig().isObjectReuseEnabled()).isFalse();

        UserEventPipeline.fromConfig(config).buildOn(env);

        assertThat(env.getConfig().isObjectReuseEnabled()).isTrue();
    }

    /** An environment as `flink run` makes it from a cluster's config.yaml with this checkpoint interval. */
    private static StreamExecutionEnvironment environmentWith(Duration interval) {
        Configuration clusterConfig = new Configuration();
        clusterConfig.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
        return StreamExecutionEnvironment.getExecutionEnvironment(clusterConfig);
    }
}
