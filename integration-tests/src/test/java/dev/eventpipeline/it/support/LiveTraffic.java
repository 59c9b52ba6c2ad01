package dev.eventpipeline.it.support;

import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.cassandra.UserEventsTable;
import dev.eventpipeline.infra.flink.FlinkRest;
import dev.eventpipeline.job.testing.KafkaTestClient;
import dev.eventpipeline.job.testing.TestPipelines;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.common.IsolationLevel;

/**
 * The shape every fault scenario shares: start the pipeline, send live traffic, cause a fault, let it
 * recover, and compare what was written with what was sent. A scenario reads as its story:
 *
 * <pre>{@code
 * try (LiveTraffic traffic = LiveTraffic.on(servers, report).stream(MixedStream.of(15_000, 5, 100, 303))
 *         .perSecond(250).launcher(JobLauncher.miniCluster(miniCluster)).start()) {
 *     traffic.fault("Cassandra stopped", cassandra::stop);
 *     traffic.awaitFailure(Duration.ofMinutes(1));
 *     traffic.fault("Cassandra started again", cassandra::start);
 *     LiveTraffic.Result result = traffic.finish(Duration.ofMinutes(4));
 *     assertThat(result.rows().exact()).as(result.rows().toString()).isTrue();
 * }
 * }</pre>
 *
 * <p>{@link #start()} returns once rows flow (so a fault is always mid-stream); {@link #finish} waits
 * for every record to be acknowledged by Kafka, then for rows and dead letters to converge, records
 * the outcome in the {@link ScenarioReport} and cancels the job.
 */
public final class LiveTraffic implements AutoCloseable {

    /** What a scenario ended with, for its assertions. */
    public record Result(Outcome.Rows rows, Outcome.DeadLetters deadLetters, int failures, String state,
            String lastFailure) {}

    /** A fault or a repair; may throw. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private final Builder settings;
    private final PacedProducer producer;
    private final RunningJob job;
    private final String topic;
    private final String deadLetterTopic;
    private boolean cancelled;

    private LiveTraffic(Builder settings, PacedProducer producer, RunningJob job, String topic, String deadLetterTopic) {
        this.settings = settings;
        this.producer = producer;
        this.job = job;
        this.topic = topic;
        this.deadLetterTopic = deadLetterTopic;
    }

    public static Builder on(LocalServers servers, ScenarioReport report) {
        return new Builder(servers, report);
    }

    public String jobId() {
        return job.id();
    }

    public FlinkRest rest() {
        return job.rest();
    }

    /** The scenario's own source topic. */
    public String topic() {
        return topic;
    }

    /** The scenario's own dead-letter topic. */
    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    /** Records handed to Kafka so far. */
    public int sent() {
        return producer.sent();
    }

    /** Records the job has read so far (its {@code eventsIn}; restarts reset it). */
    public long read() throws IOException {
        return rest().operatorMetricSum(jobId(), "eventsIn").orElse(0);
    }

    public int failures() throws IOException {
        return rest().failureCount(jobId());
    }

    /** Runs {@code action}, reporting when it happened in the stream; fails if the traffic was already over. */
    public void fault(String what, Action action) throws Exception {
        int sentBefore = sent();
        settings.report.step(what + " after " + sentBefore + " of " + settings.stream.total() + " records were sent, "
                + readQuietly() + " read");
        if (sentBefore >= settings.stream.total()) {
            throw new AssertionError(what + " came after all traffic was sent: the scenario is not mid-stream");
        }
        action.run();
        settings.report.step(what + ": done");
    }

    /** Waits until the job has failed at least once (the fault reached it). */
    public void awaitFailure(Duration timeout) {
        Await.until("the job to fail on the fault", timeout, () -> failures() >= 1);
        settings.report.step("the job failed: " + lastFailureQuietly());
    }

    /** Waits until {@code duration} has passed since {@code sinceNanos} (an outage's length) and {@code also} holds. */
    public void holdUntil(long sinceNanos, Duration duration, dev.eventpipeline.infra.process.Wait.Condition also) {
        Await.until("the fault to last " + duration.toSeconds() + " s", duration.plusMinutes(2),
                () -> System.nanoTime() - sinceNanos >= duration.toNanos() && also.holds());
    }

    /**
     * Waits for every record to be acknowledged by Kafka and for rows and dead letters to converge,
     * records the outcome and cancels the job.
     */
    public Result finish(Duration timeout) throws Exception {
        producer.awaitAllAcknowledged(Duration.ofMinutes(3));
        MixedStream stream = settings.stream;
        Outcome.Rows rows = Converge.rows(settings.rows.get(), stream.expectedRows, timeout);
        Outcome.DeadLetters letters = Converge.deadLetters(new KafkaTestClient(settings.servers.bootstrapServers()),
                deadLetterTopic, settings.deadLetterIsolation, stream.expectedDeadLetters, Duration.ofMinutes(1));
        int failures = failures();
        String state = rest().jobState(jobId());
        String lastFailure = failures == 0 ? "" : lastFailureQuietly();
        settings.report.outcome(stream.total(), rows.lost() + letters.lost(), rows.unexpected(),
                failures + " failure(s), job " + state + "; " + rows + "; " + letters + " ("
                        + (settings.deadLetterIsolation == IsolationLevel.READ_COMMITTED
                                ? "read_committed" : "at-least-once") + ")");
        cancel();
        return new Result(rows, letters, failures, state, lastFailure);
    }

    private void cancel() throws Exception {
        if (!cancelled) {
            cancelled = true;
            job.cancel();
        }
    }

    private long readQuietly() {
        try {
            return read();
        } catch (IOException e) {
            return -1;
        }
    }

    private String lastFailureQuietly() {
        try {
            return rest().lastFailure(jobId());
        } catch (IOException e) {
            return "(REST unavailable: " + e.getMessage() + ")";
        }
    }

    /** Stops the traffic and cancels the job if {@link #finish} did not (a failed scenario). */
    @Override
    public void close() {
        producer.close();
        try {
            cancel();
        } catch (Exception e) {
            settings.report.step("could not cancel job " + jobId() + ": " + e);
        }
    }

    /** What a scenario sends and where the job runs. */
    public static final class Builder {
        private final LocalServers servers;
        private final ScenarioReport report;
        private MixedStream stream;
        private int perSecond = 250;
        private int partitions = 2;
        private String name = "traffic";
        private final List<String> jobArguments = new ArrayList<>(List.of("--job.parallelism", "2",
                "--restart.initial-backoff", "1 s", "--restart.max-backoff", "5 s"));
        private JobLauncher launcher;
        private Supplier<UserEventsTable> rows;
        private IsolationLevel deadLetterIsolation = IsolationLevel.READ_UNCOMMITTED;

        private Builder(LocalServers servers, ScenarioReport report) {
            this.servers = servers;
            this.report = report;
            this.rows = () -> new UserEventsTable(servers.session());
        }

        public Builder stream(MixedStream stream) {
            this.stream = stream;
            return this;
        }

        /** The paced producer's rate (records per second). */
        public Builder perSecond(int perSecond) {
            this.perSecond = perSecond;
            return this;
        }

        /** Partitions of the scenario's own source topic. */
        public Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        /** Prefix of the scenario's topics. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** More job options ({@code --key value}), after the defaults (parallelism 2, restart back-off 1 s to 5 s). */
        public Builder jobArguments(String... arguments) {
            jobArguments.addAll(Arrays.asList(arguments));
            return this;
        }

        public Builder launcher(JobLauncher launcher) {
            this.launcher = launcher;
            return this;
        }

        /**
         * How {@link #finish} reads the dead letters: {@code read_uncommitted} (Kafka's default, every
         * record written) or {@code read_committed} (what a consumer of exactly-once dead letters sees).
         */
        public Builder deadLetterIsolation(IsolationLevel isolation) {
            this.deadLetterIsolation = isolation;
            return this;
        }

        /** Where the rows are read back from (default: the servers' shared session, its default consistency). */
        public Builder rows(Supplier<UserEventsTable> rows) {
            this.rows = rows;
            return this;
        }

        /**
         * Creates the scenario's topics, starts the job and the traffic, and returns once the job runs
         * and rows flow ({@code eventsValid} at five seconds' worth of traffic).
         */
        public LiveTraffic start() throws Exception {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(launcher, "launcher");
            String topic = servers.createFreshTopic(name, partitions);
            String deadLetters = servers.createFreshTopic(name + "-dlq", 1);
            RunningJob job = launcher.start(TestPipelines.arguments(servers, topic, deadLetters,
                    jobArguments.toArray(String[]::new)));
            PacedProducer producer = new PacedProducer(servers.bootstrapServers(), topic, stream.records, perSecond);
            LiveTraffic traffic = new LiveTraffic(this, producer, job, topic, deadLetters);
            try {
                Await.until("the job running", Duration.ofMinutes(2), () -> job.rest().allTasksRunning(job.id()));
                report.step("job " + job.id() + " running; sending " + stream.total() + " records at " + perSecond + "/s");
                producer.start();
                Await.until("rows flowing", Duration.ofMinutes(2),
                        () -> job.rest().operatorMetricSum(job.id(), "eventsValid").orElse(0) >= perSecond * 5L);
                return traffic;
            } catch (RuntimeException | Error e) {
                traffic.close();
                throw e;
            }
        }
    }
}
