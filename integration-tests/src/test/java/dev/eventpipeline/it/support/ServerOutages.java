package dev.eventpipeline.it.support;

import dev.eventpipeline.infra.LocalServer;

/** Makes sure a scenario that stops a shared server leaves it running for the next one. */
public final class ServerOutages {

    private ServerOutages() {}

    public static void ensureRunning(LocalServer server) {
        if (!server.isRunning()) {
            server.start();
        }
    }
}
