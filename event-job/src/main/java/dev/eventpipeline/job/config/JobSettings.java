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

    public abstract Duration checkpointInterval();

    public abstract Duration restartInitialBackoff();

    public abstract Duration restartMaxBackoff();

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
