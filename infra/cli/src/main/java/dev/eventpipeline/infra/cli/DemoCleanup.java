package dev.eventpipeline.infra.cli;

import dev.eventpipeline.infra.LocalServer;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.process.ServerProcess;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/** Stops what the demo started, once (at its end or on Ctrl-C): the job, then the servers that were not running before. */
final class DemoCleanup {

    private final LocalServers servers;
    private final boolean stopKafka;
    private final boolean stopCassandra;
    private final PrintWriter out;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile ServerProcess job;

    /** Call before the demo starts anything: it remembers which servers were already running. */
    DemoCleanup(LocalServers servers, PrintWriter out) {
        this.servers = servers;
        this.stopKafka = !servers.kafka().isRunning();
        this.stopCassandra = !servers.cassandra().isRunning();
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
        List<LocalServer> toStop = new ArrayList<>();
        if (stopKafka) {
            toStop.add(servers.kafka());
        }
        if (stopCassandra) {
            toStop.add(servers.cassandra());
        }
        if (toStop.isEmpty()) {
            out.println("Kafka and Cassandra were running before the demo: left running (`pipeline down` stops them).");
        } else {
            out.println("Stopping " + toStop.stream().map(LocalServer::displayName).collect(Collectors.joining(" and ")) + "…");
            out.flush();
            CompletableFuture.allOf(toStop.stream().map(server -> CompletableFuture.runAsync(server::stop))
                    .toArray(CompletableFuture[]::new)).join();
            out.println("Stopped.");
            if (toStop.size() == 1) {
                out.println((stopKafka ? "Cassandra" : "Kafka") + " was running before the demo: left running.");
            }
        }
        out.flush();
    }
}
