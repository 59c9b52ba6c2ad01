package dev.eventpipeline.infra.cli;

import dev.eventpipeline.infra.LocalServer;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.flink.FlinkRest;
import dev.eventpipeline.infra.process.Ports;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows whether Kafka, Cassandra (every node of a replicated stack) and the job are running.",
                "With PID, address and log file; for a running job also its live rates (events/s in, rows/s, dead letters/s",
                "by reason), each partition's lag and the last checkpoint, from Flink's REST API.",
                "Exit code 0 when every server runs, 3 otherwise."})
final class StatusCommand implements Callable<Integer> {

    static final int NOT_ALL_RUNNING = 3;

    @Mixin
    StackOptions stack;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LocalServers servers = stack.servers();
        NameColumn column = new NameColumn(servers);
        boolean allRunning = true;
        for (LocalServer server : servers.servers()) {
            String address = UpCommand.address(server);
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            String host = address.substring(0, address.lastIndexOf(':'));
            if (server.isRunning()) {
                out.printf("%s running  pid %-8d %-17s %s  log %s%n", column.cell(server), server.pid().orElse(-1L),
                        address, Ports.isListening(host, port) ? "accepting connections" : "not listening yet",
                        server.logFile());
            } else {
                allRunning = false;
                out.printf("%s stopped%s%n", column.cell(server),
                        Ports.isListening(host, port) ? "  (but another process listens on " + address + ")" : "");
            }
        }
        LocalJob job = new LocalJob(stack.workDir());
        job.running().ifPresent(running -> {
            out.printf("%s running  pid %-8d %-17s %s  log %s%n", column.cell("Job"),
                    running.pid(), "", "(`pipeline run` or `demo --keep-running`)", job.logFile());
            job.endpoints().ifPresent(endpoints -> activity(endpoints, column.cell("") + " ").forEach(out::println));
        });
        return allRunning ? 0 : NOT_ALL_RUNNING;
    }

    /** The job's Web UI, metrics endpoint and live activity, or why the activity could not be read. */
    static List<String> activity(LocalJob.Endpoints endpoints, String indent) {
        List<String> lines = new ArrayList<>();
        lines.add(indent + "Web UI " + endpoints.webUrl()
                + endpoints.metricsUrl().map(url -> "   metrics (Prometheus) " + url).orElse(""));
        try {
            new JobActivityReader(FlinkRest.onLocalPort(endpoints.webUiPort())).read().ifPresentOrElse(
                    activity -> lines.addAll(activity.lines(indent, Instant.now())),
                    () -> lines.add(indent + "no job submitted yet"));
        } catch (IOException e) {
            lines.add(indent + "REST API not answering (" + e.getMessage() + "); the job may still be starting");
        }
        return lines;
    }
}
