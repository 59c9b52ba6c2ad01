package dev.eventpipeline.infra;

import dev.eventpipeline.infra.process.JavaCommand;
import dev.eventpipeline.infra.process.LogTail;
import dev.eventpipeline.infra.process.Ports;
import dev.eventpipeline.infra.process.ServerClasspath;
import dev.eventpipeline.infra.process.ServerProcess;
import dev.eventpipeline.infra.process.ServerStartException;
import dev.eventpipeline.infra.process.Wait;
import dev.eventpipeline.infra.security.OwnerOnlyFiles;
import dev.eventpipeline.infra.security.StackSecurity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * One server JVM under a work directory: {@code <workDir>/<id>/} holds its config and data,
 * {@code <workDir>/logs/<id>.log} its output and {@code <workDir>/run/<id>.pid} its PID.
 * A server started by another JVM (e.g. the CLI) is found again through the PID file.
 */
public abstract class LocalServer {

    static final int LOG_TAIL_LINES = 30;

    private final String id;
    private final String classpathName;
    private final String host;
    private final String displayName;
    private final String mainClass;
    private final Map<Integer, String> ports = new LinkedHashMap<>();
    private final Path workDir;
    private final Duration startTimeout;
    private final Duration stopTimeout;
    private final String heap;
    private final StackSecurity security;
    private ServerProcess process;

    /**
     * @param id names its directory, log, PID file and packaged class path ({@code <id>-server})
     * @param mainClass only in this server's command line, to recognise its PID
     * @param clientPortRole what the client port is, for error messages (likewise the internal one)
     */
    LocalServer(String id, String displayName, String mainClass, ServerSettings<?> settings, String clientPortRole,
            String internalPortRole) {
        this(id, id, Ports.LOOPBACK, displayName, mainClass, settings, clientPortRole, internalPortRole);
    }

    /**
     * As above, for one node of several on 127.0.0.1 sharing a server's class path: {@code id} (e.g. "kafka-2")
     * names its directory, log and PID file, {@code classpathName} (e.g. "kafka") its packaged class path.
     */
    LocalServer(String id, String classpathName, String displayName, String mainClass, ServerSettings<?> settings,
            String clientPortRole, String internalPortRole) {
        this(id, classpathName, Ports.LOOPBACK, displayName, mainClass, settings, clientPortRole, internalPortRole);
    }

    /**
     * As the other constructor, for one of several servers of a kind (a cluster's nodes): {@code id} names its
     * directory, log and PID file, {@code classpathName} its packaged class path ({@code <classpathName>-server}),
     * and its ports are checked on the loopback address {@code host}, which it listens on.
     */
    LocalServer(String id, String classpathName, String host, String displayName, String mainClass,
            ServerSettings<?> settings, String clientPortRole, String internalPortRole) {
        this.id = id;
        this.classpathName = classpathName;
        this.host = host;
        this.displayName = displayName;
        this.mainClass = mainClass;
        this.ports.put(settings.clientPort, clientPortRole);
        this.ports.put(settings.internalPort, internalPortRole);
        this.workDir = settings.workDir.toAbsolutePath().normalize();
        this.startTimeout = settings.startTimeout;
        this.stopTimeout = settings.stopTimeout;
        this.heap = settings.heap;
        this.security = settings.security == null ? null : StackSecurity.under(workDir, settings.security);
    }

    /** Its configuration files, by name under {@link #serverDir()}, as text; written before each launch. */
    abstract Map<String, String> configFiles();

    /** Prepares storage before each launch, after the configuration and class path are written. */
    abstract void prepare() throws IOException;

    abstract JavaCommand command();

    /** True once clients can use the server; exceptions count as "not yet". */
    abstract boolean isReady() throws Exception;

    /** Runs once the server is ready on every start, e.g. to set up its roles; nothing by default. */
    void afterReady() {}

    /**
     * Starts the server and returns once it is ready. Does nothing but wait for readiness when it is
     * already running (started by this object or recorded in the PID file by another JVM).
     *
     * @throws dev.eventpipeline.infra.process.PortInUseException when a port is taken by another process
     * @throws ServerStartException when the server dies or is not ready in time; the message holds its log tail
     */
    public synchronized void start() {
        if (current().isEmpty()) {
            ports.forEach((port, role) -> Ports.requireFree(host, port, role));
            try {
                security().ifPresent(StackSecurity::ensureCreated);
                writeConfiguration();
                prepare();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not prepare " + displayName + " under " + serverDir(), e);
            }
            process = ServerProcess.launch(command(), serverDir(), logFile(), pidFile());
        }
        awaitReady();
        afterReady();
    }

    private void writeConfiguration() throws IOException {
        Files.createDirectories(serverDir());
        for (Map.Entry<String, String> file : configFiles().entrySet()) {
            // Owner-only: a secured server's configuration holds its store and SASL passwords.
            OwnerOnlyFiles.write(serverDir().resolve(file.getKey()), file.getValue());
        }
        ServerClasspath.writeArgFile(ServerClasspath.load(classpathName + "-server"), classpathArgs());
    }

    private void awaitReady() {
        ServerProcess awaited = process;
        try {
            Wait.until(displayName + " ready", startTimeout, () -> {
                if (!awaited.isAlive()) {
                    throw new Wait.Abort(displayName + " (pid " + awaited.pid() + ") exited during start-up"
                            + awaited.exitCode().stream().mapToObj(code -> " with code " + code).findFirst().orElse(""));
                }
                return isReady();
            });
        } catch (Wait.Abort | TimeoutException e) {
            if (awaited.isAlive()) {
                awaited.kill(); // a hung start must not leave a half-started server behind
            }
            process = null;
            throw new ServerStartException(e.getMessage() + ". Last " + LOG_TAIL_LINES + " lines of " + logFile()
                    + ":" + System.lineSeparator() + LogTail.lastLines(logFile(), LOG_TAIL_LINES), e);
        }
    }

    /** Graceful stop (SIGTERM; SIGKILL only after the stop timeout). Returns false if it had to be killed. */
    public synchronized boolean stop() {
        boolean graceful = current().map(running -> running.stop(stopTimeout)).orElse(true);
        process = null;
        return graceful;
    }

    /** SIGKILL, as a crash or power loss would; the data stays for the next start. */
    public synchronized void kill() {
        current().ifPresent(ServerProcess::kill);
        process = null;
    }

    public synchronized void restart() {
        stop();
        start();
    }

    public synchronized boolean isRunning() {
        return current().isPresent();
    }

    public synchronized Optional<Long> pid() {
        return current().map(ServerProcess::pid);
    }

    /** Deletes this server's data and config; refused while it runs. */
    public synchronized void deleteData() {
        if (isRunning()) {
            throw new IllegalStateException(displayName + " is running (pid " + process.pid() + "); stop it first");
        }
        deleteRecursively(serverDir());
    }

    /** The secured stack's files and credentials; empty for a plaintext server. */
    public Optional<StackSecurity> security() {
        return Optional.ofNullable(security);
    }

    /** JVM heap, e.g. "512m". */
    String heap() {
        return heap;
    }

    public String displayName() {
        return displayName;
    }

    /** The loopback address it listens on. */
    public String host() {
        return host;
    }

    public Path workDir() {
        return workDir;
    }

    public Path logFile() {
        return workDir.resolve("logs").resolve(id + ".log");
    }

    public Path pidFile() {
        return workDir.resolve("run").resolve(id + ".pid");
    }

    /** The java @argfile with this server's class path. */
    Path classpathArgs() {
        return serverDir().resolve("classpath.args");
    }

    /** Config and data of this server. */
    public Path serverDir() {
        return workDir.resolve(id);
    }

    private Optional<ServerProcess> current() {
        if (process == null || !process.isAlive()) {
            process = ServerProcess.findRecorded(pidFile(), mainClass).orElse(null);
        }
        return Optional.ofNullable(process);
    }

    /** Deletes {@code root} and everything under it; nothing when it does not exist. */
    public static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + root, e);
        }
    }
}
