package dev.eventpipeline.it.support;

import dev.eventpipeline.infra.process.Ports;
import dev.eventpipeline.infra.process.ServerClasspath;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Flink's own front end ({@code flink run}) in its own JVM, on the session cluster's class path, as
 * bin/flink runs it: {@code FLINK_CONF_DIR}, the Java 17 options, a log file.
 */
public final class FlinkCli {

    /** How the front end ended and what it printed. */
    public record Run(int exitCode, String output) {}

    static final String CLI_MAIN = "org.apache.flink.client.cli.CliFrontend";

    /** Log4j 2: everything to the file named by -Dlog.file; levels follow. */
    private static final String TO_LOG_FILE = """
            rootLogger.level = INFO
            rootLogger.appenderRef.file.ref = MainAppender
            appender.main.name = MainAppender
            appender.main.type = File
            appender.main.fileName = ${sys:log.file}
            appender.main.layout.type = PatternLayout
            appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
            """;

    /** Everything to the file named by -Dlog.file; the cluster's JVMs use it too. */
    static final String LOG4J = "# Written by the integration tests: everything to the file named by -Dlog.file.\n"
            + TO_LOG_FILE + """
            logger.pekko.name = org.apache.pekko
            logger.pekko.level = WARN
            logger.kafka.name = org.apache.kafka
            logger.kafka.level = WARN
            """;

    /**
     * As {@link #LOG4J} with every logger at INFO (Kafka's clients print their whole configuration there)
     * and the job's own at DEBUG: for tests that search the logs for what must never be in them.
     */
    public static final String VERBOSE_LOG4J = "# Written by the integration tests: everything, verbosely.\n"
            + TO_LOG_FILE + """
            logger.job.name = dev.eventpipeline
            logger.job.level = DEBUG
            """;

    /** The shaded job JAR the build copies for these tests. */
    public static Path jobJar() {
        Path jar = Path.of(System.getProperty("eventpipeline.it.job-jar", "target/job/event-job.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the shaded job JAR (copied by the build) is not at " + jar.toAbsolutePath());
        }
        return jar;
    }

    private final Path home;
    private final Path conf;
    private final Path logs;
    private final Path classpathArgs;

    FlinkCli(Path home, Path conf, Path logs, Path classpathArgs) {
        this.home = home;
        this.conf = conf;
        this.logs = logs;
        this.classpathArgs = classpathArgs;
    }

    /**
     * A front end under {@code home} whose configuration names a REST port nobody listens on: for
     * what happens in the client before a job is submitted (a submission would fail to connect).
     */
    public static FlinkCli withoutCluster(Path home) throws IOException {
        Path conf = Files.createDirectories(home.resolve("conf"));
        Path logs = Files.createDirectories(home.resolve("log"));
        Files.writeString(conf.resolve("config.yaml"), """
                # Written by FlinkCli: a cluster address nobody listens on.
                jobmanager.rpc.address: 127.0.0.1
                rest.address: 127.0.0.1
                rest.port: %d
                """.formatted(Ports.freePorts(1)[0]), StandardCharsets.UTF_8);
        Files.writeString(conf.resolve("log4j-cli.properties"), LOG4J, StandardCharsets.UTF_8);
        Path classpathArgs = ServerClasspath.writeArgFile(ServerClasspath.load(FlinkSessionCluster.CLASSPATH_NAME),
                home.resolve("classpath.args"));
        return new FlinkCli(home, conf, logs, classpathArgs);
    }

    /** {@code flink run -d <jar> <arguments>}, waiting at most {@code timeout} for it to return. */
    public Run runDetached(Path jar, List<String> arguments, Duration timeout) throws IOException, InterruptedException {
        return runDetached(jar, arguments, Map.of(), process -> {}, timeout);
    }

    /**
     * As {@link #runDetached(Path, List, Duration)}, with {@code environment} added to the front end's own
     * (how secrets reach the job's main(), e.g. {@code EVENT_PIPELINE_CASSANDRA_PASSWORD}), and
     * {@code whileRunning} given its process once started (e.g. to read its command line in /proc).
     */
    public Run runDetached(Path jar, List<String> arguments, Map<String, String> environment,
            Consumer<ProcessHandle> whileRunning, Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + classpathArgs));
        command.addAll(FlinkSessionCluster.JAVA_17_OPTIONS);
        command.add("-Dlog.file=" + logs.resolve("flink-cli.log"));
        command.add("-Dlog4j.configurationFile=" + conf.resolve("log4j-cli.properties").toUri());
        command.add(CLI_MAIN);
        command.addAll(List.of("run", "-d", jar.toAbsolutePath().toString()));
        command.addAll(arguments);
        Path output = logs.resolve("flink-run.out");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.to(output.toFile()))
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("FLINK_CONF_DIR", conf.toString());
        Process process = builder.start();
        whileRunning.accept(process.toHandle());
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new IllegalStateException("flink run did not return within " + timeout + "; output in " + output);
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
