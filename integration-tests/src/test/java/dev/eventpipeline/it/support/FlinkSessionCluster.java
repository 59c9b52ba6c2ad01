package dev.eventpipeline.it.support;

import dev.eventpipeline.infra.flink.FlinkRest;
import dev.eventpipeline.infra.process.JavaCommand;
import dev.eventpipeline.infra.process.LogTail;
import dev.eventpipeline.infra.process.Ports;
import dev.eventpipeline.infra.process.ServerClasspath;
import dev.eventpipeline.infra.process.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flink 1.20 standalone session cluster, JobManager and TaskManager each in its own JVM, run from
 * the Maven-resolved jars this module's compile scope names (there is no flink-dist here): the
 * same entry points, memory calculation (BashJavaUtils) and {@code --add-opens} list as
 * {@code bin/start-cluster.sh} on Java 17. Jobs go in through {@code flink run}'s front end,
 * {@link org.apache.flink.client.cli.CliFrontend}, with {@code FLINK_CONF_DIR} set.
 *
 * <p>Everything lives under one directory that is kept: {@code conf/}, {@code log/} (each JVM's
 * log file and stdout) and {@code run/} (PID files).
 */
public final class FlinkSessionCluster implements AutoCloseable {

    static final String CLASSPATH_NAME = "flink-session-cluster";
    static final String JOB_MANAGER_MAIN = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASK_MANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    static final String MEMORY_UTILS_MAIN = "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

    /** Flink's own env.java.opts.all default for Java 17 (conf/config.yaml of flink-dist 1.20). */
    static final List<String> JAVA_17_OPTIONS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private final Path home;
    private final Path conf;
    private final Path logs;
    private final Path classpathArgs;
    private final int restPort;
    private final int rpcPort;
    private final List<ServerProcess> processes = new ArrayList<>();
    /** Every JVM ever launched, kept after stop() to check that none survived it. */
    private final List<ServerProcess> launched = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stop, "flink-session-cluster-shutdown");

    private final String log4jProperties;

    private FlinkSessionCluster(Path home, int restPort, int rpcPort, String log4jProperties) {
        this.log4jProperties = log4jProperties;
        this.home = home.toAbsolutePath();
        this.conf = this.home.resolve("conf");
        this.logs = this.home.resolve("log");
        this.classpathArgs = this.home.resolve("classpath.args");
        this.restPort = restPort;
        this.rpcPort = rpcPort;
    }

    /** Writes the configuration under {@code home}, starts both JVMs and waits until a TaskManager has registered. */
    public static FlinkSessionCluster start(Path home, Duration timeout) throws IOException {
        return start(home, timeout, FlinkCli.LOG4J);
    }

    /**
     * As {@link #start(Path, Duration)}, with this Log4j 2 configuration for every JVM of the cluster and
     * its front end (e.g. {@link FlinkCli#VERBOSE_LOG4J}); it must log to {@code ${sys:log.file}}.
     */
    public static FlinkSessionCluster start(Path home, Duration timeout, String log4jProperties) throws IOException {
        int[] ports = Ports.freePorts(2);
        FlinkSessionCluster cluster = new FlinkSessionCluster(home, ports[0], ports[1], log4jProperties);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook); // never outlive the test JVM
        try {
            cluster.writeFiles();
            cluster.launch("jobmanager", JOB_MANAGER_MAIN, "GET_JM_RESOURCE_PARAMS", List.of("--executionMode", "cluster"));
            cluster.launch("taskmanager", TASK_MANAGER_MAIN, "GET_TM_RESOURCE_PARAMS", List.of());
            FlinkRest rest = cluster.rest();
            Await.until("the session cluster up with a TaskManager", timeout, () -> {
                cluster.requireAlive();
                return rest.get("/overview").path("taskmanagers").asInt() >= 1;
            });
            return cluster;
        } catch (IOException | RuntimeException | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    public FlinkRest rest() {
        return new FlinkRest(URI.create("http://127.0.0.1:" + restPort));
    }

    public Path logDir() {
        return logs;
    }

    /** The PIDs of the running JobManager and TaskManager JVMs. */
    public synchronized List<Long> pids() {
        return processes.stream().map(ServerProcess::pid).toList();
    }

    /**
     * {@code flink run -d <jar> <arguments>}: returns the job id the front end printed; fails with
     * its output when it exits non-zero or prints none.
     */
    public String runDetached(Path jar, List<String> arguments, Duration timeout) throws IOException, InterruptedException {
        return runDetached(jar, arguments, Map.of(), process -> {}, timeout);
    }

    /** As above, with an environment and an observer of the front end's process ({@link FlinkCli#runDetached}). */
    public String runDetached(Path jar, List<String> arguments, Map<String, String> environment,
            Consumer<ProcessHandle> whileRunning, Duration timeout) throws IOException, InterruptedException {
        FlinkCli.Run run = new FlinkCli(home, conf, logs, classpathArgs)
                .runDetached(jar, arguments, environment, whileRunning, timeout);
        Matcher jobId = Pattern.compile("JobID ([0-9a-f]{32})").matcher(run.output());
        if (run.exitCode() != 0 || !jobId.find()) {
            throw new IllegalStateException("flink run exited with " + run.exitCode() + ":\n" + run.output());
        }
        return jobId.group(1);
    }

    /** Stops the TaskManager, then the JobManager (SIGTERM, SIGKILL after 30 s). */
    public synchronized void stop() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).stop(Duration.ofSeconds(30));
        }
        processes.clear();
    }

    /** True while any of the cluster's JVMs is alive. */
    public synchronized boolean anyAlive() {
        return launched.stream().anyMatch(ServerProcess::isAlive);
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs stop() itself.
        }
    }

    private synchronized void requireAlive() {
        for (ServerProcess process : processes) {
            if (!process.isAlive()) {
                throw new dev.eventpipeline.infra.process.Wait.Abort("a Flink JVM (pid " + process.pid()
                        + ") exited; see " + logs);
            }
        }
    }

    private synchronized void launch(String name, String mainClass, String memoryCommand, List<String> extraArguments)
            throws IOException {
        List<String> memory = memoryParameters(memoryCommand);
        List<String> jvmOptions = new ArrayList<>(Arrays.asList(memory.get(0).trim().split("\\s+")));
        jvmOptions.addAll(JAVA_17_OPTIONS);
        jvmOptions.add("-Dlog.file=" + logs.resolve(name + ".log"));
        jvmOptions.add("-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri());
        List<String> arguments = new ArrayList<>(List.of("--configDir", conf.toString()));
        arguments.addAll(extraArguments);
        arguments.addAll(Arrays.asList(memory.get(1).trim().split("\\s+"))); // "-D key=value" pairs, as config.sh passes them
        ServerProcess process = ServerProcess.launch(new JavaCommand(jvmOptions, classpathArgs, mainClass, arguments),
                home, logs.resolve(name + ".out"), home.resolve("run").resolve(name + ".pid"));
        processes.add(process);
        launched.add(process);
    }

    /** The two result lines of BashJavaUtils: JVM memory flags, then dynamic configuration. */
    private List<String> memoryParameters(String command) throws IOException {
        Path output = logs.resolve("memory-" + command.toLowerCase() + ".out");
        int exit = ServerProcess.runToCompletion(new JavaCommand(List.of(), classpathArgs, MEMORY_UTILS_MAIN,
                List.of(command, "--configDir", conf.toString())), home, output, Duration.ofMinutes(1));
        List<String> results = Files.readAllLines(output, StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith(RESULT_PREFIX))
                .map(line -> line.substring(RESULT_PREFIX.length()))
                .toList();
        if (exit != 0 || results.size() < 2) {
            throw new IllegalStateException("BashJavaUtils " + command + " failed (exit " + exit + "):\n"
                    + LogTail.lastLines(output, 30));
        }
        return results.subList(results.size() - 2, results.size());
    }

    private void writeFiles() throws IOException {
        Files.createDirectories(conf);
        Files.createDirectories(logs);
        ServerClasspath.writeArgFile(ServerClasspath.load(CLASSPATH_NAME), classpathArgs);
        Files.writeString(conf.resolve("config.yaml"), """
                # Written by FlinkSessionCluster (integration-tests).
                jobmanager.rpc.address: 127.0.0.1
                jobmanager.rpc.port: %d
                jobmanager.bind-host: 127.0.0.1
                taskmanager.bind-host: 127.0.0.1
                taskmanager.host: 127.0.0.1
                rest.address: 127.0.0.1
                rest.bind-address: 127.0.0.1
                rest.port: %d
                # `flink run` submits through the REST job endpoint; the Web UI's JAR upload stays off.
                web.submit.enable: false
                jobmanager.memory.process.size: 1024m
                taskmanager.memory.process.size: 1280m
                taskmanager.memory.managed.size: 64m
                taskmanager.numberOfTaskSlots: 2
                parallelism.default: 1
                metrics.fetcher.update-interval: 500
                web.tmpdir: %s
                io.tmp.dirs: %s
                """.formatted(rpcPort, restPort, home.resolve("tmp/web"), home.resolve("tmp/io")), StandardCharsets.UTF_8);
        Files.createDirectories(home.resolve("tmp/web"));
        Files.createDirectories(home.resolve("tmp/io"));
        Files.writeString(conf.resolve("log4j.properties"), log4jProperties, StandardCharsets.UTF_8);
        Files.writeString(conf.resolve("log4j-cli.properties"), log4jProperties, StandardCharsets.UTF_8);
    }

    /** For failure messages. */
    @Override
    public String toString() {
        return "Flink session cluster at " + home + " (REST port " + restPort + ")";
    }
}
