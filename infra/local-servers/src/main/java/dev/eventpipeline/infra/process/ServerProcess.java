package dev.eventpipeline.infra.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server JVM running detached from whoever started it: its output goes to a log file (never a pipe,
 * which would block the server once nobody reads it) and its PID to a file, so a later JVM (the CLI's
 * `down`, say) can find and stop it.
 */
public final class ServerProcess {

    private final ProcessHandle handle;
    /** Present only in the JVM that launched the process; gives the exit code. */
    private final Process process;
    private final Path pidFile;

    private ServerProcess(ProcessHandle handle, Process process, Path pidFile) {
        this.handle = handle;
        this.process = process;
        this.pidFile = pidFile;
    }

    /** Starts {@code command} detached, appending its output to {@code logFile} and writing its PID to {@code pidFile}. */
    public static ServerProcess launch(JavaCommand command, Path workingDir, Path logFile, Path pidFile) {
        return launch(command, workingDir, logFile, pidFile, Map.of());
    }

    /**
     * As {@link #launch(JavaCommand, Path, Path, Path)}, with {@code environment} added to the inherited one:
     * the way to hand a child secrets, as /proc/&lt;pid&gt;/environ is readable only by its owner while the
     * command line is readable by everyone.
     */
    public static ServerProcess launch(JavaCommand command, Path workingDir, Path logFile, Path pidFile,
            Map<String, String> environment) {
        try {
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(pidFile.getParent());
            Files.writeString(logFile, System.lineSeparator() + "==== " + Instant.now() + " starting "
                            + command.mainClass() + System.lineSeparator(), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command.toList(true))
                    .directory(workingDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            Files.writeString(pidFile, process.pid() + System.lineSeparator(), StandardCharsets.UTF_8);
            return new ServerProcess(process.toHandle(), process, pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not launch " + command.mainClass(), e);
        }
    }

    /** Runs a short-lived tool (e.g. storage formatting) to completion, its output appended to {@code logFile}. */
    public static int runToCompletion(JavaCommand command, Path workingDir, Path logFile, Duration timeout) {
        try {
            Files.createDirectories(logFile.getParent());
            Process process = new ProcessBuilder(command.toList(false))
                    .directory(workingDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectErrorStream(true)
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.mainClass() + " did not finish within " + timeout.toSeconds()
                        + " s. Last lines of " + logFile + ":" + System.lineSeparator() + LogTail.lastLines(logFile, 30));
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command.mainClass(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.mainClass(), e);
        }
    }

    /**
     * As {@link #runToCompletion}, but the main class and its arguments (which may hold secrets) go to a java
     * @argfile (mode 600, deleted afterwards): the tool's command line shows only {@code @<argFile>}.
     */
    public static int runToCompletionHidingArguments(JavaCommand command, Path argFile, Path workingDir, Path logFile,
            Duration timeout) {
        List<String> mainAndArguments = new ArrayList<>();
        mainAndArguments.add(command.mainClass());
        mainAndArguments.addAll(command.arguments());
        JavaArgFile.write(argFile, mainAndArguments);
        try {
            return runToCompletion(command.withMain("@" + argFile, List.of()), workingDir, logFile, timeout);
        } finally {
            deleteQuietly(argFile);
        }
    }

    /**
     * The live process recorded in {@code pidFile} whose command line runs {@code mainClass};
     * empty (and the stale file removed) when there is none.
     */
    public static Optional<ServerProcess> findRecorded(Path pidFile, String mainClass) {
        Optional<ProcessHandle> handle = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(candidate -> PortOwner.fullCommandLine(candidate.pid()).orElse("").contains(mainClass));
        if (handle.isEmpty()) {
            deleteQuietly(pidFile);
        }
        return handle.map(found -> new ServerProcess(found, null, pidFile));
    }

    public long pid() {
        return handle.pid();
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    /** The exit code, known only to the launching JVM and only once the process has ended. */
    public OptionalInt exitCode() {
        return process != null && !process.isAlive() ? OptionalInt.of(process.exitValue()) : OptionalInt.empty();
    }

    /**
     * SIGTERM, so the server shuts down cleanly (Kafka closes its logs, Cassandra flushes memtables);
     * SIGKILL if it is still alive after {@code gracePeriod}. Returns true when it stopped gracefully.
     */
    public boolean stop(Duration gracePeriod) {
        boolean graceful = true;
        if (handle.isAlive()) {
            handle.destroy();
            try {
                Wait.until("stopped (pid " + pid() + ")", gracePeriod, () -> !handle.isAlive());
            } catch (TimeoutException e) {
                graceful = false;
                kill();
            }
        }
        deleteQuietly(pidFile);
        return graceful;
    }

    /** SIGKILL, as a crash would; waits until the process is gone. */
    public void kill() {
        handle.destroyForcibly();
        try {
            handle.onExit().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("Process " + pid() + " survived SIGKILL for 30 s", e);
        }
        deleteQuietly(pidFile);
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Files.isRegularFile(pidFile)
                    ? Optional.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover PID file is detected as stale next time.
        }
    }
}
