package dev.eventpipeline.infra.cli;

import dev.eventpipeline.infra.LocalServer;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.flink.FlinkRest;
import dev.eventpipeline.infra.process.ServerProcess;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the job against the local stack until Ctrl-C, with the Flink Web UI.",
                "The job runs in an embedded Flink MiniCluster in its own JVM. Start the stack first with `pipeline up`.",
                "The table options below are passed to the job (the job's own names); other job options go after",
                "`--`, e.g. `pipeline run -- --cassandra.batch.max-rows 1` (all of them: `pipeline run -- --help`).",
                "The job logs to <work dir>/logs/job.log."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    LocalJobOptions jobJvm;

    @Mixin
    CassandraTableOptions table;

    @Parameters(paramLabel = "JOB-OPTION", arity = "0..*", description = "Passed to the job after the local defaults, so they win. Secret ones (passwords, "
                    + "sasl.jaas.config) go through the job's environment, never its command line.")
    List<String> jobOptions = new ArrayList<>();

    @Mixin
    StackOptions stack;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (jobOptions.contains("--help") || jobOptions.contains("-h")) {
            return jobHelp();
        }
        LocalServers servers = stack.servers();
        requireRunning(servers);
        LocalJob local = new LocalJob(stack.workDir());
        local.requireStartable(jobJvm);

        List<String> arguments = new ArrayList<>(table.jobArguments());
        arguments.addAll(jobOptions);
        JobSecrets.Split shown = JobSecrets.split(arguments);
        out.println("Starting the job against Kafka " + servers.bootstrapServers() + " and Cassandra "
                + UpCommand.cassandraAddress(servers) + (servers.security().isPresent() ? " (secured)" : "")
                + (shown.arguments().isEmpty() ? "" : " with " + String.join(" ", shown.arguments()))
                + (shown.environment().isEmpty() ? "" : " (secret options " + String.join(", ", shown.environment().keySet())
                        + " passed in the environment)"));
        out.flush();
        ServerProcess job = local.start(servers, jobJvm, arguments);
        Thread hook = new Thread(() -> {
            if (job.isAlive()) {
                out.println();
                out.println("Stopping the job (pid " + job.pid() + ")…");
                out.flush();
                boolean graceful = job.stop(LocalJob.STOP_TIMEOUT);
                out.println(graceful ? "Job stopped." : "The job did not stop in time and was killed.");
                out.flush();
            }
        }, "run-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            local.awaitRunning(job, jobJvm.webUiPort, new StatusLine(out));
            out.printf("Job running (pid %d). Web UI: %s   Log: %s (`pipeline logs job -f`)%n", job.pid(),
                    FlinkRest.webUrl(jobJvm.webUiPort), local.logFile());
            if (jobJvm.metricsPort != 0) {
                out.printf("Metrics (Prometheus): %s   Live rates: `pipeline status`%n", LocalJob.metricsUrl(jobJvm.metricsPort));
            }
            out.println("Send events with `pipeline generate`, read them with `pipeline query`. Ctrl-C stops the job.");
            out.flush();
            return watch(job, local, out);
        } finally {
            if (removeShutdownHook(hook)) {
                hook.run(); // the job ended or failed to start: make sure it is gone
            }
        }
    }

    /** Until the job ends (it normally runs until Ctrl-C): reports state changes, e.g. RESTARTING. */
    private int watch(ServerProcess job, LocalJob local, PrintWriter out) throws InterruptedException {
        FlinkRest rest = FlinkRest.onLocalPort(jobJvm.webUiPort);
        String shown = "RUNNING";
        ProcessHandle handle = ProcessHandle.of(job.pid()).orElseThrow();
        while (true) {
            try {
                handle.onExit().get(2, TimeUnit.SECONDS);
                break;
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                Optional<String> state = rest.latestJobIfUp().map(FlinkRest.JobOverview::state);
                if (state.isPresent() && !state.get().equals(shown)) {
                    shown = state.get();
                    out.printf("Job state: %s (see %s)%n", shown, local.logFile());
                    out.flush();
                }
            } catch (java.util.concurrent.ExecutionException e) {
                break;
            }
        }
        out.println("The job exited" + job.exitCode().stream().mapToObj(code -> " with code " + code).findFirst().orElse("")
                + ". Last lines of " + local.logFile() + ":" + System.lineSeparator() + local.logTail());
        return 1;
    }

    private int jobHelp() throws InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(LocalJob.flinkJvmOpens());
        command.addAll(List.of(LocalJob.MAIN_CLASS, "--help"));
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** False when the JVM is already shutting down (Ctrl-C), in which case the hook runs anyway. */
    static boolean removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    static void requireRunning(LocalServers servers) {
        for (LocalServer server : servers.servers()) {
            if (!server.isRunning()) {
                throw new IllegalStateException(server.displayName() + " is not running; start the local stack with "
                        + "`pipeline up` (or try everything at once with `pipeline demo`).");
            }
        }
    }
}
