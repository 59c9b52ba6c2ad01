package dev.eventpipeline.it.support;

import dev.eventpipeline.infra.FreePortStart;
import dev.eventpipeline.infra.LocalCassandraCluster;
import dev.eventpipeline.infra.LocalKafkaCluster;
import dev.eventpipeline.infra.LocalServer;
import dev.eventpipeline.infra.LocalServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Three Kafka brokers and three Cassandra nodes, each its own JVM, for the replicated scenarios: started on
 * first use on free ports under target/, stopped and deleted by {@link #stop()} (or when the test JVM exits).
 */
public final class ReplicatedStack {

    private static LocalServers servers;
    private static Path workDir;

    private ReplicatedStack() {}

    public static synchronized LocalServers servers() {
        if (servers == null) {
            servers = FreePortStart.start(ReplicatedStack::createWorkDir, dir -> {
                workDir = dir;
                return new LocalServers(
                        LocalKafkaCluster.builder().workDir(dir).nodes(3).freePorts().build(),
                        LocalCassandraCluster.builder().workDir(dir).nodes(3).freePorts().build());
            }, LocalServer::deleteRecursively);
        }
        return servers;
    }

    /** Stops every node and deletes the stack's directory, freeing its memory for the scenarios after it. */
    public static synchronized void stop() {
        if (servers != null) {
            servers.stop();
            LocalServer.deleteRecursively(workDir);
            servers = null;
        }
    }

    private static Path createWorkDir() {
        try {
            Path parent = Files.createDirectories(Path.of("target").toAbsolutePath());
            return Files.createTempDirectory(parent, "replicated-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
