package dev.eventpipeline.infra.cli;

import dev.eventpipeline.infra.LocalServer;
import dev.eventpipeline.infra.LocalServers;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Stops the job, Kafka and Cassandra; data is kept (see `clean`).",
                "The job first (if `run` or `demo --keep-running` left one), then every server, together and gracefully (SIGTERM to the",
                "recorded PIDs; SIGKILL only after a minute), and checks that no server process is left."})
final class DownCommand implements Callable<Integer> {

    @Mixin
    StackOptions stack;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LocalServers servers = stack.servers();
        NameColumn column = new NameColumn(servers);
        // The job first: it would only fail and restart against stopped servers.
        LocalJob localJob = new LocalJob(stack.workDir());
        localJob.running().ifPresent(job -> {
            long pid = job.pid();
            boolean graceful = job.stop(LocalJob.STOP_TIMEOUT);
            out.printf("  %s %s (pid %d)%n", column.cell("Job"), graceful ? "stopped" : "killed after the grace period", pid);
        });
        Map<LocalServer, Optional<Long>> pids = new LinkedHashMap<>();
        Map<LocalServer, CompletableFuture<Boolean>> stops = new LinkedHashMap<>();
        for (LocalServer server : servers.servers()) {
            pids.put(server, server.pid());
            if (server.isRunning()) {
                stops.put(server, CompletableFuture.supplyAsync(server::stop));
            } else {
                out.printf("  %s was not running%n", column.cell(server));
            }
        }
        long started = System.nanoTime();
        Map<String, CompletableFuture<?>> progress = new LinkedHashMap<>();
        stops.forEach((server, future) -> progress.put(server.displayName(), future));
        ProgressLine.await(out, progress, "stopping…", "stopped");

        boolean clean = true;
        for (Map.Entry<LocalServer, CompletableFuture<Boolean>> stop : stops.entrySet()) {
            LocalServer server = stop.getKey();
            long pid = pids.get(server).orElse(-1L);
            boolean graceful = stop.getValue().join();
            boolean gone = ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty();
            clean &= gone;
            out.printf("  %s %s (pid %d)%n", column.cell(server),
                    !gone ? "STILL RUNNING" : graceful ? "stopped" : "killed after the grace period", pid);
        }
        if (!clean) {
            err.println("error: a server process is still alive; see the PIDs above.");
            return 1;
        }
        if (!stops.isEmpty()) {
            out.printf("Down in %.1f s.%n", (System.nanoTime() - started) / 1e9);
        }
        return 0;
    }
}
