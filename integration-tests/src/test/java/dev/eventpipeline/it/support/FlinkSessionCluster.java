package dev.eventpipeline.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventpipeline.infra.LocalZooKeeper;
import dev.eventpipeline.infra.flink.FlinkRest;
import dev.eventpipeline.infra.process.JavaCommand;
import dev.eventpipeline.infra.process.LogTail;
import dev.eventpipeline.infra.process.Ports;
import dev.eventpipeline.infra.process.ServerClasspath;
import dev.eventpipeline.infra.process.ServerProcess;
import dev.eventpipeline.infra.process.Wait;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flink standalone session cluster (1.20; 2.x in integration-tests/flink2), a JobManager and one or more
 * TaskManagers each in its own JVM, run from the Maven-resolved jars this module's compile scope names (there
 * is no flink-dist here): the
 * same entry points, memory calculation (BashJavaUtils) and {@code --add-opens} list as
 * {@code bin/start-cluster.sh} on Java 17. Jobs go in through {@code flink run}'s front end,
 * {@link org.apache.flink.client.cli.CliFrontend}, with {@code FLINK_CONF_DIR} set.
 *
 * <p>Everything lives under one directory that is kept: {@code conf/}, {@code log/} (each JVM's
 * log file and stdout), {@code run/} (PID files), {@code checkpoints/} (every job's file-system
 * checkpoints) and, with ZooKeeper high availability, {@code ha/} (job graphs and checkpoint metadata
 * the ZooKeeper nodes point to).
 *
 * <p>Faults go to one JVM by its recorded PID: {@link #killTaskManager(int)} and {@link #killJobManager()}
 * are SIGKILL; {@link #startJobManager()} starts a new JobManager process with the same configuration, as
 * a supervisor would.
 */
public final class FlinkSessionCluster implements AutoCloseable {

    static final String CLASSPATH_NAME = "flink-session-cluster";
    static final String JOB_MANAGER_MAIN = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASK_MANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    static final String MEMORY_UTILS_MAIN = "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

    /** What flink-dist 1.20 and 2.x both pass on Java 17 (env.java.opts.all in their conf/config.yaml). */
    private static final List<String> COMMON_JAVA_17_OPTIONS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    /** Flink 1.20's adds -XX:+IgnoreUnrecognizedVMOptions. */
    private static final List<String> FLINK_1_JAVA_17_OPTIONS = Stream.concat(
            Stream.of("-XX:+IgnoreUnrecognizedVMOptions"), COMMON_JAVA_17_OPTIONS.stream()).toList();

    /** Flink 2.x's adds exports of javac's internals (jdk.compiler). */
    private static final List<String> FLINK_2_JAVA_17_OPTIONS = Stream.concat(COMMON_JAVA_17_OPTIONS.stream(), Stream.of(
            "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED")).toList();

    /** The default of the Flink line this module runs (see {@link FlinkLine}), as bin/config.sh passes it. */
    static final List<String> JAVA_17_OPTIONS = FlinkLine.isFlink2() ? FLINK_2_JAVA_17_OPTIONS : FLINK_1_JAVA_17_OPTIONS;

    private final Path home;
    private final Path conf;
    private final Path logs;
    private final Path classpathArgs;
    private final int restPort;
    private final int rpcPort;
    private final int taskManagerCount;
    private final int slotsPerTaskManager;
    private final LocalZooKeeper zooKeeper;
    private final String log4jProperties;

    private ServerProcess jobManager;
    private int jobManagerLaunches;
    /** By index; null once killed or stopped. */
    private final ServerProcess[] taskManagers;
    /** Every JVM ever launched, kept after stop() to check that none survived it. */
    private final List<ServerProcess> launched = new ArrayList<>();
    /** BashJavaUtils' answers per command: the same configuration gives the same memory settings. */
    private final Map<String, List<String>> memoryParameters = new TreeMap<>();
    private final Thread shutdownHook = new Thread(this::stop, "flink-session-cluster-shutdown");

    private FlinkSessionCluster(Path home, Builder settings, int restPort, int rpcPort) {
        this.home = home.toAbsolutePath().normalize();
        this.conf = this.home.resolve("conf");
        this.logs = this.home.resolve("log");
        this.classpathArgs = this.home.resolve("classpath.args");
        this.restPort = restPort;
        this.rpcPort = rpcPort;
        this.taskManagerCount = settings.taskManagers;
        this.slotsPerTaskManager = settings.slotsPerTaskManager;
        this.zooKeeper = settings.zooKeeper;
        this.log4jProperties = settings.log4jProperties;
        this.taskManagers = new ServerProcess[settings.taskManagers];
    }

    /** One JobManager and one TaskManager (two slots), no high availability, the usual logging. */
    public static Builder builder() {
        return new Builder();
    }

    /** Writes the configuration under {@code home}, starts both JVMs and waits until a TaskManager has registered. */
    public static FlinkSessionCluster start(Path home, Duration timeout) throws IOException {
        return builder().start(home, timeout);
    }

    /**
     * As {@link #start(Path, Duration)}, with this Log4j 2 configuration for every JVM of the cluster and
     * its front end (e.g. {@link FlinkCli#VERBOSE_LOG4J}); it must log to {@code ${sys:log.file}}.
     */
    public static FlinkSessionCluster start(Path home, Duration timeout, String log4jProperties) throws IOException {
        return builder().log4j(log4jProperties).start(home, timeout);
    }

    /** What the cluster is made of; {@link #start(Path, Duration)} writes its configuration and starts it. */
    public static final class Builder {

        private int taskManagers = 1;
        private int slotsPerTaskManager = 2;
        private LocalZooKeeper zooKeeper;
        private String log4jProperties = FlinkCli.LOG4J;

        private Builder() {}

        /** How many TaskManager JVMs (1 by default); slots are spread evenly over them. */
        public Builder taskManagers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a session cluster needs a TaskManager, not " + count);
            }
            this.taskManagers = count;
            return this;
        }

        public Builder slotsPerTaskManager(int slots) {
            this.slotsPerTaskManager = slots;
            return this;
        }

        /** ZooKeeper high availability on this (running) server; none by default. */
        public Builder zooKeeper(LocalZooKeeper zooKeeper) {
            this.zooKeeper = zooKeeper;
            return this;
        }

        /** Log4j 2 configuration of every JVM; must log to {@code ${sys:log.file}}. */
        public Builder log4j(String log4jProperties) {
            this.log4jProperties = log4jProperties;
            return this;
        }

        /** Writes the configuration under {@code home}, starts the JVMs and waits until every TaskManager has registered. */
        public FlinkSessionCluster start(Path home, Duration timeout) throws IOException {
            int[] ports = Ports.freePorts(2);
            FlinkSessionCluster cluster = new FlinkSessionCluster(home, this, ports[0], ports[1]);
            Runtime.getRuntime().addShutdownHook(cluster.shutdownHook); // never outlive the test JVM
            try {
                cluster.writeFiles();
                cluster.startJobManager();
                for (int index = 0; index < taskManagers; index++) {
                    cluster.startTaskManager(index);
                }
                cluster.awaitTaskManagers(taskManagers, timeout);
                return cluster;
            } catch (IOException | RuntimeException | AssertionError e) {
                cluster.close();
                throw e;
            }
        }
    }

    public FlinkRest rest() {
        return new FlinkRest(URI.create("http://127.0.0.1:" + restPort));
    }

    public Path logDir() {
        return logs;
    }

    /** Where every job's file-system checkpoints go ({@code <dir>/<job id>/chk-<n>}). */
    public Path checkpointDir() {
        return home.resolve("checkpoints");
    }

    /** Where the ZooKeeper high-availability services keep what their nodes point to. */
    public Path highAvailabilityDir() {
        return home.resolve("ha");
    }

    public int taskManagerCount() {
        return taskManagerCount;
    }

    /** The {@code taskmanager.resource-id} of TaskManager {@code index}: its id in the REST API. */
    public static String taskManagerId(int index) {
        return "taskmanager-" + index;
    }

    /** The PIDs of the running JobManager and TaskManager JVMs, the JobManager's first. */
    public synchronized List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        jobManagerPid().ifPresent(pids::add);
        for (int index = 0; index < taskManagers.length; index++) {
            taskManagerPid(index).ifPresent(pids::add);
        }
        return pids;
    }

    /** The running JobManager's PID; empty while none runs. */
    public synchronized OptionalLong jobManagerPid() {
        return pidOf(jobManager);
    }

    /** TaskManager {@code index}'s PID; empty while it does not run. */
    public synchronized OptionalLong taskManagerPid(int index) {
        return pidOf(taskManagers[index]);
    }

    /** SIGKILL to TaskManager {@code index}'s recorded PID, as a crash would; returns once it is gone. */
    public synchronized long killTaskManager(int index) {
        ServerProcess taskManager = running(taskManagers[index], "TaskManager " + index);
        taskManager.kill();
        taskManagers[index] = null;
        return taskManager.pid();
    }

    /** SIGKILL to the JobManager's recorded PID, as a crash would; returns once it is gone. */
    public synchronized long killJobManager() {
        ServerProcess killed = running(jobManager, "the JobManager");
        killed.kill();
        jobManager = null;
        return killed.pid();
    }

    /**
     * Starts a JobManager process with the cluster's configuration (refused while one runs), as a
     * supervisor restarts a crashed one; with ZooKeeper high availability it recovers the jobs and their
     * latest checkpoints. Returns without waiting for it; see {@link #awaitTaskManagers}.
     */
    public synchronized long startJobManager() throws IOException {
        if (jobManager != null && jobManager.isAlive()) {
            throw new IllegalStateException("the JobManager (pid " + jobManager.pid() + ") is running");
        }
        jobManagerLaunches++;
        String name = jobManagerLaunches == 1 ? "jobmanager" : "jobmanager-" + jobManagerLaunches;
        jobManager = launch(name, JOB_MANAGER_MAIN, "GET_JM_RESOURCE_PARAMS", List.of("--executionMode", "cluster"));
        return jobManager.pid();
    }

    /** Waits until the (current) JobManager answers on REST with {@code count} TaskManagers registered. */
    public void awaitTaskManagers(int count, Duration timeout) {
        FlinkRest rest = rest();
        Await.until("the session cluster up with " + count + " TaskManager(s)", timeout, () -> {
            requireAlive();
            return rest.get("/overview").path("taskmanagers").asInt() >= count;
        });
    }

    /**
     * The running subtasks of {@code jobId} per TaskManager index, from the REST API's subtask details
     * ({@code taskmanager-id} of each RUNNING subtask of each vertex); TaskManagers running none are absent.
     */
    public Map<Integer, Integer> runningSubtasksByTaskManager(String jobId) throws IOException {
        FlinkRest rest = rest();
        Map<Integer, Integer> counts = new TreeMap<>();
        for (JsonNode vertex : rest.get("/jobs/" + jobId).path("vertices")) {
            for (JsonNode subtask : rest.get("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText()).path("subtasks")) {
                if ("RUNNING".equals(subtask.path("status").asText())) {
                    counts.merge(taskManagerIndex(subtask.path("taskmanager-id").asText()), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /** The lowest index of a TaskManager running a subtask of {@code jobId}; empty when none runs. */
    public Optional<Integer> taskManagerOf(String jobId) throws IOException {
        return runningSubtasksByTaskManager(jobId).keySet().stream().findFirst();
    }

    /**
     * A job's checkpoints as {@code /jobs/<id>/checkpoints} reports them: how many completed, the latest
     * completed one's id ({@code -1} before the first) and the one the job last restored from, if any, with
     * its external path (the checkpoint's directory, e.g. {@code file:/…/checkpoints/<job>/chk-7}).
     */
    public record Checkpoints(long completed, long latestCompletedId, OptionalLong restoredId, String restoredPath) {

        /** The restored checkpoint's directory when it is a file:// one; empty otherwise or when none was restored. */
        public Optional<Path> restoredDirectory() {
            if (restoredId.isEmpty() || !restoredPath.startsWith("file:")) {
                return Optional.empty();
            }
            return Optional.of(Path.of(URI.create(restoredPath).getPath()));
        }
    }

    public Checkpoints checkpoints(String jobId) throws IOException {
        JsonNode checkpoints = rest().get("/jobs/" + jobId + "/checkpoints");
        JsonNode latest = checkpoints.path("latest");
        JsonNode completed = latest.path("completed");
        JsonNode restored = latest.path("restored");
        boolean hasRestored = restored.isObject() && restored.has("id");
        return new Checkpoints(checkpoints.path("counts").path("completed").asLong(),
                completed.isObject() && completed.has("id") ? completed.path("id").asLong() : -1,
                hasRestored ? OptionalLong.of(restored.path("id").asLong()) : OptionalLong.empty(),
                hasRestored ? restored.path("external_path").asText("") : "");
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

    /** Stops the TaskManagers, then the JobManager (SIGTERM, SIGKILL after 30 s). */
    public synchronized void stop() {
        for (int index = taskManagers.length - 1; index >= 0; index--) {
            if (taskManagers[index] != null) {
                taskManagers[index].stop(Duration.ofSeconds(30));
                taskManagers[index] = null;
            }
        }
        if (jobManager != null) {
            jobManager.stop(Duration.ofSeconds(30));
            jobManager = null;
        }
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
        List<ServerProcess> current = new ArrayList<>();
        if (jobManager != null) {
            current.add(jobManager);
        }
        Arrays.stream(taskManagers).filter(process -> process != null).forEach(current::add);
        for (ServerProcess process : current) {
            if (!process.isAlive()) {
                throw new Wait.Abort("a Flink JVM (pid " + process.pid() + ") exited; see " + logs);
            }
        }
    }

    private static ServerProcess running(ServerProcess process, String what) {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException(what + " is not running");
        }
        return process;
    }

    private static OptionalLong pidOf(ServerProcess process) {
        return process != null && process.isAlive() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    private int taskManagerIndex(String resourceId) {
        for (int index = 0; index < taskManagerCount; index++) {
            if (taskManagerId(index).equals(resourceId)) {
                return index;
            }
        }
        throw new IllegalStateException("no TaskManager of " + this + " has the id '" + resourceId + "'");
    }

    private synchronized void startTaskManager(int index) throws IOException {
        // A fixed resource id names the TaskManager in the REST API, so its tasks can be traced to its PID.
        taskManagers[index] = launch(taskManagerId(index), TASK_MANAGER_MAIN, "GET_TM_RESOURCE_PARAMS",
                List.of("-D", "taskmanager.resource-id=" + taskManagerId(index)));
    }

    private synchronized ServerProcess launch(String name, String mainClass, String memoryCommand,
            List<String> extraArguments) throws IOException {
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
        launched.add(process);
        return process;
    }

    /** The two result lines of BashJavaUtils: JVM memory flags, then dynamic configuration. */
    private List<String> memoryParameters(String command) throws IOException {
        List<String> known = memoryParameters.get(command);
        if (known != null) {
            return known;
        }
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
        List<String> parameters = results.subList(results.size() - 2, results.size());
        memoryParameters.put(command, parameters);
        return parameters;
    }

    private void writeFiles() throws IOException {
        Files.createDirectories(conf);
        Files.createDirectories(logs);
        Files.createDirectories(home.resolve("tmp/web"));
        Files.createDirectories(home.resolve("tmp/io"));
        Files.createDirectories(checkpointDir());
        ServerClasspath.writeArgFile(ServerClasspath.load(CLASSPATH_NAME), classpathArgs);
        String config = """
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
                taskmanager.numberOfTaskSlots: %d
                parallelism.default: 1
                metrics.fetcher.update-interval: 500
                web.tmpdir: %s
                io.tmp.dirs: %s
                # A job's slots go to the TaskManagers evenly: a parallelism-2 job runs a subtask on each of two.
                # (1.20's key for what cluster.evenly-spread-out-slots: true, now deprecated, did.)
                taskmanager.load-balance.mode: SLOTS
                # Checkpoints on disk (a job restarts from them after losing a TaskManager or the JobManager);
                # the last three are kept, and kept when a job is cancelled, to be looked at after a test.
                execution.checkpointing.dir: %s
                # The cluster's interval for jobs that set none: scenario 6 checks it reaches the job unchanged
                # (the job's checkpoint.interval, when given, wins).
                execution.checkpointing.interval: 2 s
                execution.checkpointing.num-retained: 3
                execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
                # A lost TaskManager or JobManager is noticed within seconds, not the default 50 s: heartbeats
                # every second; 10 s without an answer declares the peer dead (a killed JVM usually sooner,
                # as heartbeat RPCs to it fail at once: heartbeat.rpc-failure-threshold, 2 by default).
                # 10 s rather than less tolerates GC pauses and a busy 2-core test machine.
                heartbeat.interval: 1000
                heartbeat.timeout: 10000
                """.formatted(rpcPort, restPort, slotsPerTaskManager, home.resolve("tmp/web"), home.resolve("tmp/io"),
                checkpointDir().toUri());
        if (zooKeeper != null) {
            Files.createDirectories(highAvailabilityDir());
            config += """
                    # ZooKeeper high availability: leader election, job graphs and checkpoint pointers in ZooKeeper,
                    # what they point to on disk. A killed JobManager's leadership (an ephemeral node) lasts until its
                    # ZooKeeper session expires: 10 s, so a new JobManager can take over soon after.
                    high-availability.type: zookeeper
                    high-availability.zookeeper.quorum: %s
                    high-availability.zookeeper.path.root: /flink
                    high-availability.cluster-id: /%s
                    high-availability.storageDir: %s
                    high-availability.zookeeper.client.session-timeout: 10 s
                    """.formatted(zooKeeper.connectString(), home.getFileName(), highAvailabilityDir().toUri());
        }
        Files.writeString(conf.resolve("config.yaml"), config, StandardCharsets.UTF_8);
        Files.writeString(conf.resolve("log4j.properties"), log4jProperties, StandardCharsets.UTF_8);
        Files.writeString(conf.resolve("log4j-cli.properties"), log4jProperties, StandardCharsets.UTF_8);
    }

    /** For failure messages. */
    @Override
    public String toString() {
        return "Flink session cluster at " + home + " (REST port " + restPort + ")";
    }
}
