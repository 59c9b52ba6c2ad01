package dev.eventpipeline.it.support;

import dev.eventpipeline.infra.LocalServer;
import dev.eventpipeline.infra.LocalServers;
import java.time.Duration;

/** Makes sure a scenario that stops a shared server leaves it running, and usable, for the next one. */
public final class ServerOutages {

    private ServerOutages() {}

    public static void ensureRunning(LocalServer server) {
        if (!server.isRunning()) {
            server.start();
        }
    }

    /**
     * Starts Cassandra again if needed and waits until the shared driver session has reconnected
     * (its reconnection backs off exponentially, so this can take a while after a long outage).
     */
    public static void ensureCassandraUsable(LocalServers servers) {
        ensureRunning(servers.cassandra());
        Await.until("the shared Cassandra session reconnected", Duration.ofMinutes(2),
                () -> servers.session().execute("SELECT release_version FROM system.local").one() != null);
    }
}
