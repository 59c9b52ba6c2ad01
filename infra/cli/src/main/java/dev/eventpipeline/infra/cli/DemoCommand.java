package dev.eventpipeline.infra.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.flink.FlinkRest;
import dev.eventpipeline.infra.generate.EventGenerator;
import dev.eventpipeline.infra.generate.GeneratorOptions;
import dev.eventpipeline.infra.generate.PayloadLimits;
import dev.eventpipeline.infra.generate.SpreadClock;
import dev.eventpipeline.infra.kafka.KafkaTopics;
import dev.eventpipeline.infra.process.ServerProcess;
import dev.eventpipeline.job.config.JobOptions;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The whole pipeline in one command, with sample events and a summary.",
                "",
                "Starts the local stack (`up`), starts the job (as `run` does), sends sample events (some invalid, "
                        + "of every reject reason), waits until every valid one is a row in Cassandra and every invalid "
                        + "one a record in user-events-dlq, then prints what was sent, written and dead-lettered, and "
                        + "one user's timeline. Stops the job, and the servers if it started them, unless "
                        + "--keep-running. Exit code 0 only when written = valid sent and dead-lettered = invalid sent. "
                        + "Each run uses new users, so earlier runs and other data never count. At --rate 0 (full "
                        + "speed) the event times are spread over the past hour."})
final class DemoCommand implements Callable<Integer> {

    static final int MISMATCH = 1;

    @Mixin
    TrafficOptions generator = new TrafficOptions(new GeneratorOptions().defaultUsers(500)).defaultInvalidFraction(0.03).defaultRate(0);

    @Option(names = "--keep-running", description = "Leave the servers and the job running at the end (`pipeline down` stops all).")
    boolean keepRunning;

    @Mixin
    LocalJobOptions jobJvm;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long to wait for the events to arrive after sending (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    CassandraTableOptions table;

    @Mixin
    StackOptions stack;

    @Spec
    CommandSpec spec;

    private PrintWriter out;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        generator.validate();
        if (timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second: " + timeoutSeconds);
        }
        long demoStart = System.nanoTime();
        LocalServers servers = stack.servers();
        LocalJob local = new LocalJob(stack.workDir());
        local.requireStartable(jobJvm);
        DemoCleanup cleanup = new DemoCleanup(servers, out);
        AtomicBoolean stopSending = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            stopSending.set(true);
            out.println();
            out.println("Interrupted: stopping what the demo started…");
            cleanup.run();
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean leaveRunning = false;
        try {
            step(1, "Local stack: Kafka and Cassandra");
            if (UpCommand.up(stack, table.target(), out, spec.commandLine().getErr()) != 0) {
                return 1;
            }

            step(2, "The job: Flink MiniCluster in its own JVM");
            long jobStart = System.nanoTime();
            ServerProcess job = local.start(servers, jobJvm, jobArguments());
            cleanup.jobStarted(job);
            local.awaitRunning(job, jobJvm.webUiPort, new StatusLine(out));
            out.printf("  running in %s (pid %d). Web UI: %s   Log: %s%n", StatusLine.seconds(jobStart), job.pid(),
                    FlinkRest.webUrl(jobJvm.webUiPort), local.logFile());
            if (jobJvm.metricsPort != 0) {
                out.printf("  Metrics (Prometheus): %s%n", LocalJob.metricsUrl(jobJvm.metricsPort));
            }

            step(3, String.format(Locale.ROOT, "Sending %,d events (%,d users, %.1f%% invalid) to %s", generator.events(),
                    generator.users(), generator.invalidFraction() * 100, KafkaTopics.USER_EVENTS));
            EventSender.Report sent;
            Arrivals arrivals;
            try (DeadLetterCounter deadLetters = new DeadLetterCounter(servers.kafkaClientProperties(),
                    KafkaTopics.USER_EVENTS_DLQ, KafkaTopics.USER_EVENTS)) {
                sent = new EventSender(servers.kafkaClientProperties(), KafkaTopics.USER_EVENTS)
                        .send(sampleEvents(), generator.events(), generator.rate(), true, new StatusLine(out), stopSending);
                out.println("  " + GenerateCommand.summary(sent)
                        + (generator.rate() == 0 ? ", event times spread over the past hour" : ""));
                if (sent.interrupted()) {
                    return 130;
                }
                deadLetters.expect(sent.fateByOffset());

                step(4, "Waiting for every valid event in Cassandra and every invalid one in " + KafkaTopics.USER_EVENTS_DLQ);
                try (CqlSession session = StackOptions.readerSession(servers)) {
                    arrivals = new ArrivalWatch(job, local, Duration.ofSeconds(timeoutSeconds), new StatusLine(out))
                            .await(sent, new RowCounter(session, table.target(), sent.rowsByPartition()), deadLetters);
                    step(5, "Summary");
                    DemoSummary summary = new DemoSummary(table.target(), FlinkRest.onLocalPort(jobJvm.webUiPort));
                    out.print(summary.text(sent, arrivals));
                    out.print(summary.timeline(session, sent));
                }
            }
            boolean ok = arrivals.matches(sent);
            leaveRunning = keepRunning;
            if (keepRunning) {
                out.printf("Left running: Kafka %s, Cassandra %s, the job (pid %d, Web UI %s).%n"
                        + "Try `pipeline generate`, `pipeline query`; `pipeline down` stops everything.%n",
                        servers.bootstrapServers(), UpCommand.cassandraAddress(servers), job.pid(),
                        FlinkRest.webUrl(jobJvm.webUiPort));
            }
            out.printf("Demo %s in %s.%n", ok ? "passed" : "FAILED", StatusLine.seconds(demoStart));
            if (!ok) {
                spec.commandLine().getErr().println("error: " + arrivals.mismatch(sent) + " See " + local.logFile() + ".");
            }
            return ok ? 0 : MISMATCH;
        } finally {
            out.flush();
            if (RunCommand.removeShutdownHook(hook) && !leaveRunning) {
                cleanup.run();
            }
        }
    }

    /**
     * The demo's job settings on top of the local defaults: the table options given to the demo (so the job
     * writes where the demo counts), its own consumer group, starting at the demo's start (so a backlog left
     * in the topic by earlier runs is not replayed first), and limits under which every reject reason can be
     * demonstrated (payloads over 16 KiB, events older than ten years).
     */
    private List<String> jobArguments() {
        List<String> arguments = new ArrayList<>(table.jobArguments());
        arguments.addAll(List.of(
                "--" + JobOptions.KAFKA_GROUP_ID.key(), "event-pipeline-demo",
                "--" + JobOptions.KAFKA_STARTING_OFFSETS.key(), "timestamp:" + (System.currentTimeMillis() - 1000)));
        arguments.addAll(PayloadLimits.EVERY_REASON.jobArguments());
        return arguments;
    }

    private EventGenerator sampleEvents() {
        EventGenerator.Settings.Builder settings = generator.settings(PayloadLimits.EVERY_REASON);
        if (generator.rate() == 0) {
            // Sent in seconds, but with event times spread over the past hour, like real traffic.
            settings.clock(SpreadClock.endingNow(Duration.ofHours(1), generator.events(), Clock.systemUTC()));
        }
        return settings.generator();
    }

    private void step(int number, String title) {
        out.printf("%n[%d/5] %s%n", number, title);
        out.flush();
    }
}
