package dev.eventpipeline.infra;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What every local server's builder sets: where its files live, its heap and its deadlines. The
 * server-specific builders add their ports.
 */
public abstract class ServerSettings<B extends ServerSettings<B>> {

    Path workDir = Path.of(".local");
    String heap;
    Duration startTimeout;
    Duration stopTimeout = Duration.ofSeconds(60);

    ServerSettings(String defaultHeap, Duration defaultStartTimeout) {
        this.heap = defaultHeap;
        this.startTimeout = defaultStartTimeout;
    }

    /** Root of config, data, logs and PID files (Kafka and Cassandra may share it). */
    public B workDir(Path workDir) {
        this.workDir = workDir;
        return self();
    }

    /** JVM heap, e.g. "512m" (used for both -Xms and -Xmx). */
    public B heap(String heap) {
        this.heap = heap;
        return self();
    }

    public B startTimeout(Duration startTimeout) {
        this.startTimeout = startTimeout;
        return self();
    }

    /** How long a graceful stop may take before the process is killed. */
    public B stopTimeout(Duration stopTimeout) {
        this.stopTimeout = stopTimeout;
        return self();
    }

    /** Picks ports that are free now, so a test never clashes with a local stack on the defaults. */
    public abstract B freePorts();

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
