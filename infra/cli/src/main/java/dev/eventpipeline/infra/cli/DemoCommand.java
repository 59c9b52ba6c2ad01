package dev.eventpipeline.infra.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.eventpipeline.infra.LocalServer;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.cassandra.CassandraSchema;
import dev.eventpipeline.infra.generate.EventGenerator;
import dev.eventpipeline.infra.generate.PayloadLimits;
import dev.eventpipeline.infra.generate.SpreadClock;
import dev.eventpipeline.infra.kafka.KafkaTopics;
import dev.eventpipeline.infra.process.ServerProcess;
import dev.eventpipeline.infra.process.Wait;
import dev.eventpipeline.job.config.PipelineOptions;
import dev.eventpipeline.model.RejectReason;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The whole pipeline in one command, with sample events and a summary.",
                "Starts the local stack (`up`), starts the job (as `run`",
                "does), sends sample events (some invalid, of every reject reason), waits until every valid one is",
                "a row in Cassandra and every invalid one a record in user-events-dlq, then prints what was sent,",
                "written and dead-lettered, and one user's timeline. Stops the job, and the servers if it started",
                "them, unless --keep-running. Exit code 0 only when written = valid sent and dead-lettered =",
                "invalid sent. Each run uses new users, so earlier runs and other data never count."})
final class DemoCommand implements Callable<Integer> {

    static final int MISMATCH = 1;

    @Option(names = "--events", paramLabel = "N", defaultValue = "10000", description = "How many events to send (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--invalid-fraction", paramLabel = "F", defaultValue = "0.03",
            description = "Share of malformed payloads (default ${DEFAULT-VALUE}).")
    double invalidFraction;

    @Option(names = "--users", paramLabel = "U", defaultValue = "500", description = "Distinct users (default ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "0",
            description = {"Events per second, with event times from the clock; 0 = as fast as possible, with event",
                "times spread over the past hour (default ${DEFAULT-VALUE})."})
    double rate;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed for the sample data (default: random, so new users each run).")
    Long seed;

    @Option(names = "--keep-running", description = "Leave the servers and the job running at the end (`pipeline down` stops all).")
    boolean keepRunning;

    @Option(names = "--web-ui-port", paramLabel = "PORT", defaultValue = "8081",
            description = "Flink Web UI and REST port (default ${DEFAULT-VALUE}).")
    int webUiPort;

    @Option(names = "--job-heap", paramLabel = "SIZE", defaultValue = "1g", description = "The job JVM's heap (default ${DEFAULT-VALUE}).")
    String jobHeap;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long to wait for the events to arrive after sending (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    StackOptions stack;

    @Spec
    CommandSpec spec;

    private PrintWriter out;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        validate();
        long demoStart = System.nanoTime();
        LocalServers servers = stack.servers();
        LocalJob local = new LocalJob(stack.workDir());
        local.requireStartable(webUiPort);
        Cleanup cleanup = new Cleanup(servers, !servers.kafka().isRunning(), !servers.cassandra().isRunning());
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
            if (UpCommand.up(stack, out, spec.commandLine().getErr()) != 0) {
                return 1;
            }

            step(2, "The job: Flink MiniCluster in its own JVM");
            long jobStart = System.nanoTime();
            ServerProcess job = local.start(servers, webUiPort, jobHeap, jobArguments());
            cleanup.job = job;
            local.awaitRunning(job, webUiPort, new StatusLine(out));
            out.printf("  running in %s (pid %d). Web UI: %s   Log: %s%n", StatusLine.seconds(jobStart), job.pid(),
                    JobRest.webUrl(webUiPort), local.logFile());

            step(3, String.format(Locale.ROOT, "Sending %,d events (%,d users, %.1f%% invalid) to %s", events, users,
                    invalidFraction * 100, KafkaTopics.USER_EVENTS));
            EventSender.Report sent;
            Arrivals arrivals;
            try (DeadLetterCounter deadLetters = new DeadLetterCounter(servers.bootstrapServers(),
                    KafkaTopics.USER_EVENTS_DLQ, KafkaTopics.USER_EVENTS)) {
                sent = new EventSender(servers.bootstrapServers(), KafkaTopics.USER_EVENTS)
                        .send(generator(), events, rate, true, new StatusLine(out), stopSending);
                out.println("  " + GenerateCommand.summary(sent)
                        + (rate == 0 ? ", event times spread over the past hour" : ""));
                if (sent.interrupted()) {
                    return 130;
                }
                deadLetters.expect(sent.fateByOffset());

                step(4, "Waiting for every valid event in Cassandra and every invalid one in " + KafkaTopics.USER_EVENTS_DLQ);
                try (CqlSession session = servers.cassandra().openSession()) {
                    arrivals = awaitArrivals(job, local, sent, new RowCounter(session, sent.rowsByPartition()), deadLetters);
                    step(5, "Summary");
                    out.print(summary(sent, arrivals));
                    printTimeline(session, sent);
                }
            }
            boolean ok = arrivals.matches(sent);
            leaveRunning = keepRunning;
            if (keepRunning) {
                out.printf("Left running: Kafka %s, Cassandra %s, the job (pid %d, Web UI %s).%n"
                        + "Try `pipeline generate`, `pipeline query`; `pipeline down` stops everything.%n",
                        servers.bootstrapServers(), UpCommand.address(servers, servers.cassandra()), job.pid(),
                        JobRest.webUrl(webUiPort));
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

    private void validate() {
        require(events >= 1, "--events must be at least 1: " + events);
        require(invalidFraction >= 0 && invalidFraction <= 1, "--invalid-fraction must be between 0 and 1: " + invalidFraction);
        require(users >= 1, "--users must be at least 1: " + users);
        require(rate >= 0 && Double.isFinite(rate), "--rate must be 0 (as fast as possible) or positive: " + rate);
        require(timeoutSeconds >= 1, "--timeout must be at least 1 second: " + timeoutSeconds);
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    /**
     * The demo's job settings on top of the local defaults: its own consumer group, starting at the demo's
     * start (so a backlog left in the topic by earlier runs is not replayed first), and limits under which
     * every reject reason can be demonstrated (payloads over 16 KiB, events older than ten years).
     */
    private List<String> jobArguments() {
        List<String> arguments = new ArrayList<>(List.of(
                "--" + PipelineOptions.KAFKA_GROUP_ID.key(), "event-pipeline-demo",
                "--" + PipelineOptions.KAFKA_STARTING_OFFSETS.key(), "timestamp:" + (System.currentTimeMillis() - 1000)));
        arguments.addAll(PayloadLimits.EVERY_REASON.jobArguments());
        return arguments;
    }

    private EventGenerator generator() {
        EventGenerator.Settings.Builder settings = EventGenerator.settings().users(users).invalidFraction(invalidFraction)
                .limits(PayloadLimits.EVERY_REASON);
        if (rate == 0) {
            // Sent in seconds, but with event times spread over the past hour, like real traffic.
            settings.clock(SpreadClock.endingNow(Duration.ofHours(1), events, Clock.systemUTC()));
        }
        if (seed != null) {
            settings.seed(seed);
        }
        return settings.generator();
    }

    /** What arrived where, and when everything had. */
    record Arrivals(long written, long deadLettered, Map<RejectReason, Long> deadLetteredByReason, long wrongReason,
            long validDeadLettered, Duration sinceFirstSend, boolean complete) {

        boolean matches(EventSender.Report sent) {
            return written == sent.validSent() && deadLettered == sent.invalidSent() && wrongReason == 0
                    && validDeadLettered == 0;
        }

        String mismatch(EventSender.Report sent) {
            List<String> problems = new ArrayList<>();
            if (written != sent.validSent()) {
                problems.add(String.format(Locale.ROOT, "%,d rows written for %,d valid events sent", written, sent.validSent()));
            }
            if (deadLettered != sent.invalidSent()) {
                problems.add(String.format(Locale.ROOT, "%,d dead letters for %,d invalid events sent", deadLettered,
                        sent.invalidSent()));
            }
            if (wrongReason > 0) {
                problems.add(wrongReason + " dead letters with another reason than expected");
            }
            if (validDeadLettered > 0) {
                problems.add(validDeadLettered + " valid events were dead-lettered");
            }
            return String.join("; ", problems) + (complete ? "." : " (gave up waiting).");
        }
    }

    private Arrivals awaitArrivals(ServerProcess job, LocalJob local, EventSender.Report sent, RowCounter rows,
            DeadLetterCounter deadLetters) {
        StatusLine status = new StatusLine(out);
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(timeoutSeconds).toNanos();
        long written = 0;
        long deadLettered = 0;
        while (true) {
            if (!job.isAlive()) {
                status.clear();
                throw new IllegalStateException("the job exited while the events were on their way. Last "
                        + LocalJob.LOG_TAIL_LINES + " lines of " + local.logFile() + ":" + System.lineSeparator() + local.logTail());
            }
            long round = System.nanoTime();
            try {
                written = rows.count();
            } catch (RuntimeException readFailed) {
                // a timeout under load: count again next round
            }
            // Reading the dead-letter topic also paces the rounds (at most ~4 a second).
            deadLettered = deadLetters.poll(Duration.ofMillis(Math.max(50, 250 - (System.nanoTime() - round) / 1_000_000)));
            boolean complete = written >= rows.expectedRows() && deadLettered >= sent.invalidSent();
            status.update(String.format(Locale.ROOT, "written %,d / %,d rows, dead-lettered %,d / %,d  (%s)", written,
                    rows.expectedRows(), deadLettered, sent.invalidSent(), StatusLine.seconds(start)));
            if (complete || System.nanoTime() - deadline > 0) {
                status.clear();
                // The rows and dead letters could only arrive after the first event was sent.
                Duration sinceFirstSend = sent.elapsed().plusNanos(System.nanoTime() - start);
                return new Arrivals(written, deadLettered, deadLetters.byReason(), deadLetters.wrongReason(),
                        deadLetters.validDeadLettered(), sinceFirstSend, complete);
            }
        }
    }

    private String summary(EventSender.Report sent, Arrivals arrivals) {
        String reasons = GenerateCommand.reasons(arrivals.deadLetteredByReason(), "                            ");
        double seconds = arrivals.sinceFirstSend().toNanos() / 1e9;
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "  sent           %,7d events: %,d valid, %,d invalid (%d reject reasons)%n",
                sent.sent(), sent.validSent(), sent.invalidSent(), sent.invalidByReason().size()));
        text.append(String.format(Locale.ROOT, "  written        %,7d rows in %s.%s   %s%n", arrivals.written(),
                CassandraSchema.KEYSPACE, CassandraSchema.USER_EVENTS_TABLE,
                check(arrivals.written(), sent.validSent(), "valid sent")));
        text.append(String.format(Locale.ROOT, "  dead-lettered  %,7d records in %s   %s%n", arrivals.deadLettered(),
                KafkaTopics.USER_EVENTS_DLQ, check(arrivals.deadLettered(), sent.invalidSent(), "invalid sent")));
        if (!reasons.isEmpty()) {
            text.append("                 by reason: ").append(reasons).append(System.lineSeparator());
        }
        if (arrivals.wrongReason() > 0 || arrivals.validDeadLettered() > 0) {
            text.append(String.format(Locale.ROOT, "                 UNEXPECTED: %d with another reason, %d valid events dead-lettered%n",
                    arrivals.wrongReason(), arrivals.validDeadLettered()));
        }
        text.append(collisionsLine(arrivals.written()));
        text.append(String.format(Locale.ROOT, "  elapsed        %7.1f s from the first event sent to the last one stored"
                + " (sending took %.1f s)%n", seconds, sent.elapsed().toNanos() / 1e9));
        text.append(String.format(Locale.ROOT, "  throughput     %,7.0f events/s end to end%n", sent.sent() / Math.max(1e-3, seconds)));
        return text.toString();
    }

    /**
     * The job's rowCollisions metric: distinct events (other event_id) that replaced a row of the same
     * primary key. Flink's REST API reports metrics with a delay, so it waits (briefly) until the
     * reported rowsWritten covers every row counted in Cassandra, which the collisions precede.
     */
    private String collisionsLine(long written) {
        JobRest rest = new JobRest(webUiPort);
        OptionalLong collisions = OptionalLong.empty();
        try {
            Wait.until("the job's metrics to count every row", Duration.ofSeconds(20),
                    () -> rest.metricSum("rowsWritten").orElse(-1) >= written);
            collisions = rest.metricSum("rowCollisions");
        } catch (TimeoutException notReported) {
            // said below
        }
        return collisions.isPresent()
                ? String.format(Locale.ROOT, "  collisions     %,7d distinct events replaced a row with the same user, millisecond and "
                        + "type (README: Collisions)%n", collisions.getAsLong())
                : "  collisions           ? (the job did not report rowCollisions in time)" + System.lineSeparator();
    }

    private static String check(long actual, long expected, String what) {
        return actual == expected ? "= " + what + ", ok" : String.format(Locale.ROOT, "!= %s (%,d): MISMATCH", what, expected);
    }

    /** The timeline of the user with the most events on one day: the top of the Zipf curve. */
    private void printTimeline(CqlSession session, EventSender.Report sent) {
        sent.busiest().ifPresent(busiest -> {
                    EventSender.Partition partition = busiest.getKey();
                    out.println();
                    out.print(Timeline.render(partition.userId(), partition.bucketDate(),
                            QueryCommand.timeline(session, partition.userId(), partition.bucketDate(), 10), 10));
                    out.printf("(all of it: pipeline query --user %s --date %s --limit %d)%n%n", partition.userId(),
                            partition.bucketDate(), busiest.getValue());
                });
    }

    private void step(int number, String title) {
        out.printf("%n[%d/5] %s%n", number, title);
        out.flush();
    }

    /** Stops what the demo started, once: the job, then the servers that were not running before. */
    private final class Cleanup {
        private final LocalServers servers;
        private final boolean stopKafka;
        private final boolean stopCassandra;
        private final AtomicBoolean done = new AtomicBoolean();
        volatile ServerProcess job;

        Cleanup(LocalServers servers, boolean stopKafka, boolean stopCassandra) {
            this.servers = servers;
            this.stopKafka = stopKafka;
            this.stopCassandra = stopCassandra;
        }

        void run() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            ServerProcess started = job;
            if (started != null && started.isAlive()) {
                out.printf("Stopping the job (pid %d)…%n", started.pid());
                out.flush();
                started.stop(LocalJob.STOP_TIMEOUT);
            }
            List<LocalServer> toStop = new ArrayList<>();
            if (stopKafka) {
                toStop.add(servers.kafka());
            }
            if (stopCassandra) {
                toStop.add(servers.cassandra());
            }
            if (toStop.isEmpty()) {
                out.println("Kafka and Cassandra were running before the demo: left running (`pipeline down` stops them).");
            } else {
                out.println("Stopping " + toStop.stream().map(LocalServer::displayName).collect(Collectors.joining(" and ")) + "…");
                out.flush();
                CompletableFuture.allOf(toStop.stream().map(server -> CompletableFuture.runAsync(server::stop))
                        .toArray(CompletableFuture[]::new)).join();
                out.println("Stopped.");
                if (toStop.size() == 1) {
                    out.println((stopKafka ? "Cassandra" : "Kafka") + " was running before the demo: left running.");
                }
            }
            out.flush();
        }
    }
}
