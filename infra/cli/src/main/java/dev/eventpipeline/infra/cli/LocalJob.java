package dev.eventpipeline.infra.cli;

import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.flink.FlinkRest;
import dev.eventpipeline.infra.process.JavaCommand;
import dev.eventpipeline.infra.process.LogTail;
import dev.eventpipeline.infra.process.Ports;
import dev.eventpipeline.infra.process.ServerClasspath;
import dev.eventpipeline.infra.process.ServerProcess;
import dev.eventpipeline.infra.process.Wait;
import dev.eventpipeline.job.config.JobOptions;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeoutException;

/**
 * The streaming job in local mode ({@code EventPipelineJob --local}: a Flink MiniCluster with the Web UI)
 * as a child JVM of the CLI, against the local servers.
 *
 * <p>Why a child JVM rather than the CLI's own: the job gets its own heap (the CLI runs with 256 MiB) and
 * the {@code --add-opens} flags Flink needs on Java 17, its INFO logging goes to a file instead of the
 * terminal, and stopping it is a plain SIGTERM that the JVM turns into an orderly shutdown. Like the
 * servers it is started detached (setsid) with its PID in {@code run/job.pid}: Ctrl-C reaches only the CLI,
 * whose shutdown hook stops the job, and a job left running ({@code demo --keep-running}) is found and
 * stopped by {@code pipeline down}.
 */
final class LocalJob {

    static final String MAIN_CLASS = "dev.eventpipeline.job.EventPipelineJob";
    static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    static final int LOG_TAIL_LINES = 30;

    private final Path workDir;

    LocalJob(Path workDir) {
        this.workDir = workDir;
    }

    Path logFile() {
        return workDir.resolve("logs/job.log");
    }

    Path pidFile() {
        return workDir.resolve("run/job.pid");
    }

    /** The job started by an earlier `run` or `demo --keep-running`, if still alive. */
    Optional<ServerProcess> running() {
        return ServerProcess.findRecorded(pidFile(), MAIN_CLASS);
    }

    /** The ports of the job started by `run` or `demo`, as it recorded them (run/job-endpoints.properties). */
    record Endpoints(int webUiPort, int metricsPort) {

        String webUrl() {
            return FlinkRest.webUrl(webUiPort);
        }

        /** The Prometheus endpoint's address; empty when the job has none. */
        Optional<String> metricsUrl() {
            return metricsPort == 0 ? Optional.empty() : Optional.of(LocalJob.metricsUrl(metricsPort));
        }
    }

    static String metricsUrl(int metricsPort) {
        return "http://127.0.0.1:" + metricsPort + "/metrics";
    }

    Path endpointsFile() {
        return workDir.resolve("run/job-endpoints.properties");
    }

    /** The running job's ports; empty for a job started before they were recorded. */
    Optional<Endpoints> endpoints() {
        Properties properties = new Properties();
        try (InputStream in = java.nio.file.Files.newInputStream(endpointsFile())) {
            properties.load(in);
            return Optional.of(new Endpoints(Integer.parseInt(properties.getProperty("web-ui-port")),
                    Integer.parseInt(properties.getProperty("metrics-port", "0"))));
        } catch (IOException | RuntimeException missingOrOld) {
            return Optional.empty();
        }
    }

    private void recordEndpoints(Endpoints endpoints) {
        Properties properties = new Properties();
        properties.setProperty("web-ui-port", Integer.toString(endpoints.webUiPort()));
        properties.setProperty("metrics-port", Integer.toString(endpoints.metricsPort()));
        try {
            java.nio.file.Files.createDirectories(endpointsFile().getParent());
            try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(endpointsFile())) {
                properties.store(out, "ports of the job started by `pipeline run` or `demo`");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses when a job already runs on this stack, or when the Web UI or metrics port is taken. */
    void requireStartable(LocalJobOptions options) {
        int webUiPort = options.webUiPort;
        running().ifPresent(job -> {
            throw new IllegalStateException("a job is already running on this stack (pid " + job.pid()
                    + ", log " + logFile() + "); stop it with Ctrl-C where it was started, or `pipeline down`.");
        });
        Ports.requireFree(webUiPort, "Flink Web UI; choose another with --web-ui-port");
        if (options.metricsPort != 0) {
            Ports.requireFree(options.metricsPort, "the job's Prometheus endpoint; choose another with --metrics-port, 0 for none");
        }
    }

    /**
     * Starts the job; returns at once (see {@link #awaitRunning}). Later {@code jobArguments} win. On a
     * secured stack the job connects with TLS and authentication (the pipeline's Kafka user, Cassandra's
     * writer role). Secrets, the stack's and any among {@code jobArguments}, reach the job through its
     * environment, never its command line ({@link JobSecrets}).
     */
    ServerProcess start(LocalServers servers, LocalJobOptions options, List<String> jobArguments) {
        int webUiPort = options.webUiPort;
        String heap = options.jobHeap;
        List<String> arguments = new ArrayList<>(connectionArguments(servers, webUiPort));
        arguments.addAll(List.of("--" + JobOptions.LOCAL_METRICS_PORT.key(), Integer.toString(options.metricsPort)));
        Map<String, String> environment = new LinkedHashMap<>();
        servers.security().ifPresent(security -> {
            JobSecrets.Split secured = JobSecrets.split(security.jobSettings());
            arguments.addAll(secured.arguments());
            environment.putAll(secured.environment());
        });
        JobSecrets.Split given = JobSecrets.split(jobArguments);
        arguments.addAll(given.arguments());
        environment.putAll(given.environment());
        List<String> jvm = new ArrayList<>(List.of("-Xms" + heap, "-Xmx" + heap,
                "-Dlog4j2.configurationFile=eventpipeline-job-log4j2.xml"));
        jvm.addAll(flinkJvmOpens());
        Path classpath = ServerClasspath.writeArgFile(ownClasspath(), workDir.resolve("run/job.classpath"));
        JavaCommand command = new JavaCommand(jvm, classpath, MAIN_CLASS, arguments);
        recordEndpoints(new Endpoints(webUiPort, options.metricsPort));
        return ServerProcess.launch(command, workDir, logFile(), pidFile(), environment);
    }

    /** The job's options that point it at the local servers, in local mode with the Web UI on {@code webUiPort}. */
    static List<String> connectionArguments(LocalServers servers, int webUiPort) {
        return List.of(
                "--" + JobOptions.LOCAL.key(), "true",
                "--" + JobOptions.LOCAL_WEB_UI_PORT.key(), Integer.toString(webUiPort),
                "--" + JobOptions.KAFKA_BOOTSTRAP_SERVERS.key(), servers.bootstrapServers(),
                "--" + JobOptions.CASSANDRA_CONTACT_POINTS.key(), servers.cassandraContactPoint().getHostString(),
                "--" + JobOptions.CASSANDRA_PORT.key(), Integer.toString(servers.cassandraContactPoint().getPort()),
                "--" + JobOptions.CASSANDRA_LOCAL_DATACENTER.key(), servers.cassandraLocalDatacenter());
    }

    /**
     * Waits until the job and all its tasks run (Flink REST API), showing progress. Fails with the log's
     * tail when the job exits first (e.g. an invalid option) or is not running by the deadline.
     */
    void awaitRunning(ServerProcess job, int webUiPort, StatusLine status) {
        FlinkRest rest = FlinkRest.onLocalPort(webUiPort);
        long start = System.nanoTime();
        try {
            Wait.until("running", START_TIMEOUT, () -> {
                if (!job.isAlive()) {
                    throw new Wait.Abort("the job (pid " + job.pid() + ") exited during start-up"
                            + job.exitCode().stream().mapToObj(code -> " with code " + code).findFirst().orElse(""));
                }
                Optional<FlinkRest.JobOverview> state = rest.latestJobIfUp();
                status.update("job: " + state.map(FlinkRest.JobOverview::toString).orElse("starting the MiniCluster…")
                        + "  (" + StatusLine.seconds(start) + ")");
                return state.filter(FlinkRest.JobOverview::fullyRunning).isPresent();
            });
        } catch (Wait.Abort | TimeoutException e) {
            status.clear();
            if (job.isAlive()) {
                job.stop(STOP_TIMEOUT);
            }
            throw new IllegalStateException(e.getMessage() + ". Last " + LOG_TAIL_LINES + " lines of " + logFile()
                    + ":" + System.lineSeparator() + LogTail.lastLines(logFile(), LOG_TAIL_LINES), e);
        }
        status.clear();
    }

    String logTail() {
        return LogTail.lastLines(logFile(), LOG_TAIL_LINES);
    }

    /** The CLI's own class path (infra/bin/pipeline: target/classes + the Maven-resolved jars), which holds the job and Flink. */
    static List<Path> ownClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(Path::of)
                .toList();
    }

    /** The parent POM's flink.jvm.opens, packaged by the build. */
    static List<String> flinkJvmOpens() {
        try (InputStream in = LocalJob.class.getClassLoader().getResourceAsStream("eventpipeline/job-jvm.properties")) {
            if (in == null) {
                throw new IllegalStateException("eventpipeline/job-jvm.properties is missing: rebuild the CLI");
            }
            Properties properties = new Properties();
            properties.load(in);
            return Arrays.stream(properties.getProperty("flink.jvm.opens", "").trim().split("\\s+"))
                    .filter(flag -> !flag.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
