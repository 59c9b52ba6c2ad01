package dev.eventpipeline.infra;

import dev.eventpipeline.infra.process.Ports;
import dev.eventpipeline.infra.security.LocalSecurity;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What every local server's builder sets: where its files live, its heap, its deadlines and its two
 * ports, the one clients use (Kafka broker, Cassandra CQL) and the one the server uses internally
 * (KRaft controller, Cassandra storage). The server-specific builders name the ports.
 */
public abstract class ServerSettings<B extends ServerSettings<B>> {

    Path workDir = Path.of(".local");
    String heap;
    Duration startTimeout;
    Duration stopTimeout = Duration.ofSeconds(60);
    int clientPort;
    int internalPort;
    LocalSecurity security;

    ServerSettings(String defaultHeap, Duration defaultStartTimeout, int defaultClientPort, int defaultInternalPort) {
        this.heap = defaultHeap;
        this.startTimeout = defaultStartTimeout;
        this.clientPort = defaultClientPort;
        this.internalPort = defaultInternalPort;
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

    /**
     * Secured: TLS with a throwaway CA and generated credentials under {@code <work dir>/secure/}
     * (see {@link dev.eventpipeline.infra.security.StackSecurity}); {@code null} (the default) for plaintext
     * without authentication. Kafka and Cassandra sharing a work dir must use the same setting.
     */
    public B security(LocalSecurity security) {
        this.security = security;
        return self();
    }

    /** Picks ports that are free now, so a test never clashes with a local stack on the defaults. */
    public B freePorts() {
        int[] ports = Ports.freePorts(2);
        return clientPort(ports[0]).internalPort(ports[1]);
    }

    B clientPort(int port) {
        this.clientPort = port;
        return self();
    }

    B internalPort(int port) {
        this.internalPort = port;
        return self();
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
