package dev.eventpipeline.infra.cli;

import dev.eventpipeline.infra.generate.EventGenerator;
import dev.eventpipeline.infra.generate.PayloadLimits;
import dev.eventpipeline.infra.kafka.KafkaTopics;
import dev.eventpipeline.infra.process.Ports;
import dev.eventpipeline.model.RejectReason;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sends sample user events to Kafka, paced, with a progress line.",
                "Keyed by user id: Zipf-skewed user popularity, a funnel",
                "mix of event types (view > click > search > add_to_cart > login > purchase) with plausible",
                "metadata, and optionally a share of malformed payloads (one of 15 reject reasons each;",
                "TOO_LARGE, ROW_TOO_LARGE and EVENT_TIME_TOO_OLD cannot happen under the job's default limits,",
                "and WRITE_REJECTED is Cassandra refusing a row that passed validation, not a payload's doing).",
                "Shows a progress line and ends with what was sent. Ctrl-C stops early and still reports."})
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--events", paramLabel = "N", defaultValue = "10000", description = "How many records (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "1000",
            description = "Records per second, paced evenly; 0 = as fast as possible (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--users", paramLabel = "U", defaultValue = "1000", description = "Distinct users (default ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--skew", paramLabel = "S", defaultValue = "1.0",
            description = "Zipf exponent of user popularity; 0 = uniform (default ${DEFAULT-VALUE}: the top 10% of users send ~60%).")
    double skew;

    @Option(names = "--invalid-fraction", paramLabel = "F", defaultValue = "0",
            description = "Share of malformed payloads, 0 to 1, spread evenly (default ${DEFAULT-VALUE}).")
    double invalidFraction;

    @Option(names = "--topic", paramLabel = "T", defaultValue = KafkaTopics.USER_EVENTS, description = "Topic (default ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--seed", paramLabel = "SEED",
            description = "Seed for users and events; the same seed gives the same users (default: random).")
    Long seed;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Another Kafka than the local stack's (default 127.0.0.1:<--kafka-port>).")
    String bootstrapServers;

    @Mixin
    StackOptions stack;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        validate();
        String bootstrap = bootstrapServers != null ? bootstrapServers : stack.servers().bootstrapServers();
        if (bootstrapServers == null && !Ports.isListening(stack.servers().kafka().brokerPort())) {
            throw new IllegalStateException("Kafka is not running at " + bootstrap + "; start the local stack with `pipeline up`.");
        }
        EventGenerator.Settings.Builder settings = EventGenerator.settings().users(users).zipfExponent(skew)
                .invalidFraction(invalidFraction).limits(PayloadLimits.JOB_DEFAULTS);
        if (seed != null) {
            settings.seed(seed);
        }
        EventGenerator generator = settings.generator();
        out.printf(Locale.ROOT, "Sending %,d events to %s at %s (%,d users, %.1f%% invalid)…%n", events, bootstrap + "/" + topic,
                rate == 0 ? "full speed" : String.format(Locale.ROOT, "%,.0f events/s", rate), users, invalidFraction * 100);
        out.flush();

        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true); // Ctrl-C: stop sending, let what is in flight be acknowledged, report
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "generate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            EventSender.Report report = new EventSender(bootstrap, topic)
                    .send(generator, events, rate, false, new StatusLine(out), stop);
            out.println(summary(report));
            if (!report.invalidByReason().isEmpty()) {
                out.println("  invalid by reason: " + reasons(report.invalidByReason(), "                     "));
            }
            report.busiest().ifPresent(busiest -> out.printf("Busiest user: %s, %,d valid events on %s: "
                    + "pipeline query --user %s --date %s%n", busiest.getKey().userId(), busiest.getValue(),
                    busiest.getKey().bucketDate(), busiest.getKey().userId(), busiest.getKey().bucketDate()));
            out.flush();
            return report.interrupted() ? 130 : 0;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: the JVM is exiting anyway
            }
        }
    }

    private void validate() {
        require(events >= 1, "--events must be at least 1: " + events);
        require(rate >= 0 && Double.isFinite(rate), "--rate must be 0 (as fast as possible) or positive: " + rate);
        require(users >= 1, "--users must be at least 1: " + users);
        require(skew >= 0 && Double.isFinite(skew), "--skew must be 0 or positive: " + skew);
        require(invalidFraction >= 0 && invalidFraction <= 1, "--invalid-fraction must be between 0 and 1: " + invalidFraction);
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), message);
        }
    }

    /** One line: what was sent, how fast. */
    static String summary(EventSender.Report report) {
        return String.format(Locale.ROOT, "%s %,d events in %.1f s (%,.0f events/s): %,d valid, %,d invalid",
                report.interrupted() ? "Interrupted after sending" : "Sent", report.sent(), report.elapsed().toNanos() / 1e9,
                report.eventsPerSecond(), report.validSent(), report.invalidSent());
    }

    /**
     * "REASON n, REASON n, …" in enum order, for a line that starts {@code indent.length()} characters in:
     * wrapped before 110 characters, continuation lines indented by {@code indent}.
     */
    static String reasons(Map<RejectReason, Long> counts, String indent) {
        StringBuilder text = new StringBuilder();
        int lineLength = indent.length();
        for (Map.Entry<RejectReason, Long> entry : new java.util.TreeMap<>(counts).entrySet()) {
            String item = entry.getKey() + " " + entry.getValue();
            if (text.length() > 0) {
                text.append(',');
                lineLength++;
                if (lineLength + 1 + item.length() + 1 > 110) { // " item,"
                    text.append(System.lineSeparator()).append(indent);
                    lineLength = indent.length();
                } else {
                    text.append(' ');
                    lineLength++;
                }
            }
            text.append(item);
            lineLength += item.length();
        }
        return text.toString();
    }
}
