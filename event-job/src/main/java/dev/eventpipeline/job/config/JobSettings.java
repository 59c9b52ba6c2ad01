package dev.eventpipeline.job.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/** How the Flink job itself runs. */
@Value.Immutable
public abstract class JobSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    public abstract String name();

    public abstract Optional<Integer> parallelism();

    /** The interval used when neither checkpoint.interval nor the cluster's configuration sets one. */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    /** As the user set it; empty: the cluster's {@code execution.checkpointing.interval}, else the default. */
    public abstract Optional<Duration> checkpointInterval();

    /** As the user set it; with {@link #restartMaxBackoff()} empty too, the cluster's restart strategy applies. */
    public abstract Optional<Duration> restartInitialBackoff();

    public abstract Optional<Duration> restartMaxBackoff();

    /** True when the user set the job's restart options, which then win over the cluster's restart strategy. */
    public boolean setsRestartStrategy() {
        return restartInitialBackoff().isPresent() || restartMaxBackoff().isPresent();
    }

    public abstract Duration watermarkOutOfOrderness();

    public abstract Duration watermarkIdleness();

    public abstract int maxPayloadBytes();

    public abstract boolean local();

    public abstract int localWebUiPort();

    /** The local job's Prometheus endpoint port; 0 for none. */
    @Value.Default
    public int localMetricsPort() {
        return 0;
    }

    /** Run the start-up checks (dev.eventpipeline.job.preflight) before the job is built and submitted. */
    @Value.Default
    public boolean preflight() {
        return true;
    }

    public static ImmutableJobSettings.Builder builder() {
        return ImmutableJobSettings.builder();
    }
}
