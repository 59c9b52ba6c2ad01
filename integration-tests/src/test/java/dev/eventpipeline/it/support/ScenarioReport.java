package dev.eventpipeline.it.support;

import dev.eventpipeline.infra.LocalServer;
import dev.eventpipeline.infra.LocalServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Times a scenario, prints its outcome (events, lost, duplicated, time taken) and appends it to
 * {@code target/reliability/results.md}, the source of docs/reliability.md's table.
 *
 * <p>When a scenario fails it keeps what is needed to find out why: the Kafka and Cassandra logs
 * are copied to {@code target/reliability/logs/<scenario>/} (the shared servers' own work
 * directory is deleted when the test JVM exits), and the paths of those copies, the test JVM's log
 * (MiniCluster, clients) and any logs the scenario registered (a Flink cluster's) are printed.
 */
public final class ScenarioReport implements BeforeEachCallback, AfterEachCallback {

    public static final Path TEST_LOG = Path.of("target", "it-logs", "integration-tests.log").toAbsolutePath();

    /** The first scenario of a test JVM starts a fresh results file. */
    private static boolean resultsStarted;

    private final String baseScenario;
    private final Supplier<LocalServers> servers;
    private String scenario;
    private final List<Path> extraLogs = new ArrayList<>();
    private long startNanos;
    private String outcome = "(no outcome recorded)";
    private long events;
    private long lost = -1;
    private long duplicated = -1;

    /** A scenario on the shared (plaintext) servers. */
    public ScenarioReport(String scenario) {
        this(scenario, LocalServers::shared);
    }

    /**
     * A scenario on {@code servers} (started before its clock starts). A test with a {@code @DisplayName}
     * is reported as "scenario: display name", so several tests of one class get a row each.
     */
    public ScenarioReport(String scenario, Supplier<LocalServers> servers) {
        // Which Flink line ran it, so both lines' rows can stand in one table.
        this.baseScenario = scenario;
        this.scenario = scenario + FlinkLine.scenarioSuffix();
        this.servers = servers;
    }

    /** Records the scenario's numbers; call it before asserting, so a failure still reports them. */
    public void outcome(long events, long lost, long duplicated, String details) {
        this.events = events;
        this.lost = lost;
        this.duplicated = duplicated;
        this.outcome = details;
        System.out.printf(Locale.ROOT, "[scenario] %s: %d events, lost %d, duplicated %d (%s) after %.1f s%n",
                scenario, events, lost, duplicated, details, elapsed().toMillis() / 1000.0);
    }

    /** A log file or directory to point to (and keep) if this scenario fails. */
    public void keepOnFailure(Path log) {
        extraLogs.add(log.toAbsolutePath());
    }

    /** Prints a progress line with the time since the scenario started. */
    public void step(String message) {
        System.out.printf(Locale.ROOT, "[scenario] %s: +%.1f s %s%n", scenario, elapsed().toMillis() / 1000.0, message);
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // The shared servers start once per JVM, before the first scenario's clock starts.
        boolean named = context.getTestMethod().map(method -> method.isAnnotationPresent(DisplayName.class)).orElse(false);
        scenario = (named ? baseScenario + ": " + context.getDisplayName() : baseScenario) + FlinkLine.scenarioSuffix();
        long serversNanos = System.nanoTime();
        servers.get();
        long serversMillis = (System.nanoTime() - serversNanos) / 1_000_000;
        if (serversMillis > 1_000) {
            System.out.printf(Locale.ROOT, "[scenario] Kafka and Cassandra started in %.1f s%n", serversMillis / 1000.0);
        }
        startNanos = System.nanoTime();
        extraLogs.clear();
        outcome = "(no outcome recorded)";
        lost = -1;
        duplicated = -1;
        events = 0;
        step("started (" + context.getDisplayName() + ")");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Duration took = elapsed();
        boolean failed = context.getExecutionException().isPresent();
        String seconds = String.format(Locale.ROOT, "%.1f", took.toMillis() / 1000.0);
        System.out.printf(Locale.ROOT, "[scenario] %s: %s in %s s%n", scenario, failed ? "FAILED" : "passed", seconds);
        appendResult(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s s | %s | %s |", scenario, events,
                lost < 0 ? "?" : Long.toString(lost), duplicated < 0 ? "?" : Long.toString(duplicated), seconds,
                failed ? "FAILED" : "passed", outcome));
        if (failed) {
            printDiagnostics(context);
        }
    }

    private static synchronized void appendResult(String line) {
        Path results = reportDir().resolve("results.md");
        try {
            Files.createDirectories(results.getParent());
            if (!resultsStarted) {
                Files.deleteIfExists(results);
                resultsStarted = true;
            }
            if (!Files.exists(results)) {
                Files.writeString(results, "| scenario | events | lost | duplicated | time taken | result | details |\n"
                        + "|---|---|---|---|---|---|---|\n", StandardCharsets.UTF_8);
            }
            Files.writeString(results, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void printDiagnostics(ExtensionContext context) {
        StringBuilder text = new StringBuilder("[scenario] " + scenario + " failed; logs to look at:\n");
        Path kept = reportDir().resolve("logs").resolve(context.getRequiredTestClass().getSimpleName());
        for (LocalServer server : serversIfStarted()) {
            text.append("  ").append(server.displayName()).append(": ")
                    .append(copy(server.logFile(), kept)).append('\n');
        }
        text.append("  test JVM (MiniCluster, clients): ").append(TEST_LOG).append('\n');
        extraLogs.forEach(log -> text.append("  ").append(log).append('\n'));
        System.out.print(text);
    }

    private List<LocalServer> serversIfStarted() {
        try {
            LocalServers started = servers.get();
            return started.servers();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static Path copy(Path log, Path intoDir) {
        try {
            Files.createDirectories(intoDir);
            Path copy = intoDir.resolve(log.getFileName());
            Files.copy(log, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy.toAbsolutePath();
        } catch (IOException e) {
            return log; // still worth printing where it was
        }
    }

    public static Path reportDir() {
        return Path.of(System.getProperty("eventpipeline.it.report-dir", "target/reliability")).toAbsolutePath();
    }
}
