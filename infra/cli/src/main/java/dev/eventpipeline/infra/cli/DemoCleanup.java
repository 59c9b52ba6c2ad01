package dev.eventpipeline.infra.cli;

import dev.eventpipeline.infra.LocalServer;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.process.ServerProcess;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/** Stops what the demo started, once (at its end or on Ctrl-C): the job, then the servers that were not running before. */
final class DemoCleanup {

    /** The servers the demo starts (those not running before it), in the stack's order. */
    private final List<LocalServer> startedByDemo;
    private final int servers;
    private final PrintWriter out;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile ServerProcess job;

    /** Call before the demo starts anything: it remembers which servers were already running. */
    DemoCleanup(LocalServers servers, PrintWriter out) {
        this.startedByDemo = servers.servers().stream().filter(server -> !server.isRunning()).toList();
        this.servers = servers.servers().size();
        this.out = out;
    }

    void jobStarted(ServerProcess started) {
        this.job = started;
    }

    void run() {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        ServerProcess started = job;
        if (started != null && started.isAlive()) {
            out.printf("Stopping the job (pid %d)…%n", started.pid());
            out.flush();
            started.stop(LocalJob.STOP_TIMEOUT);
        }
        if (startedByDemo.isEmpty()) {
            out.println("Kafka and Cassandra were running before the demo: left running (`pipeline down` stops them).");
        } else {
            out.println("Stopping " + startedByDemo.stream().map(LocalServer::displayName).collect(Collectors.joining(", ")) + "…");
            out.flush();
            CompletableFuture.allOf(startedByDemo.stream().map(server -> CompletableFuture.runAsync(server::stop))
                    .toArray(CompletableFuture[]::new)).join();
            out.println("Stopped.");
            if (startedByDemo.size() < servers) {
                out.println("The other servers were running before the demo: left running.");
            }
        }
        out.flush();
    }
}
