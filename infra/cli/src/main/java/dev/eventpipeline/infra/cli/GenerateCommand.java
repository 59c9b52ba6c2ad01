package dev.eventpipeline.infra.cli;

import dev.eventpipeline.infra.generate.EventGenerator;
import dev.eventpipeline.infra.generate.PayloadLimits;
import dev.eventpipeline.infra.kafka.KafkaTopics;
import dev.eventpipeline.infra.process.Ports;
import dev.eventpipeline.model.RejectReason;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false)
final class GenerateCommand implements Callable<Integer> {

    @Mixin
    TrafficOptions generator = new TrafficOptions();

    @Option(names = "--topic", paramLabel = "T", defaultValue = KafkaTopics.USER_EVENTS, description = "Topic (default ${DEFAULT-VALUE}).")
    String topic;

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
        generator.validate();
        String bootstrap = bootstrapServers != null ? bootstrapServers : stack.servers().bootstrapServers();
        if (bootstrapServers == null && !Ports.isListening(stack.servers().kafka().brokerPort())) {
            throw new IllegalStateException("Kafka is not running at " + bootstrap + "; start the local stack with `pipeline up`.");
        }
        EventGenerator sample = generator.settings(PayloadLimits.JOB_DEFAULTS).generator();
        out.printf(Locale.ROOT, "Sending %,d events to %s at %s (%,d users, %.1f%% invalid)…%n", generator.events(),
                bootstrap + "/" + topic, generator.rate() == 0 ? "full speed" : String.format(Locale.ROOT, "%,.0f events/s",
                        generator.rate()), generator.users(), generator.invalidFraction() * 100);
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
            Map<String, Object> client = bootstrapServers != null
                    ? Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)
                    : stack.servers().kafkaClientProperties(); // as the pipeline's user on a secured stack
            EventSender.Report report = new EventSender(client, topic)
                    .send(sample, generator.events(), generator.rate(), false, new StatusLine(out), stop);
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

    /**
     * The command's description, with the reject reasons counted from the code: those the generator makes
     * under the job's default limits, and why the others cannot happen.
     */
    static String[] description() {
        Set<RejectReason> generated = PayloadLimits.JOB_DEFAULTS.reachableReasons();
        List<String> unreachable = Arrays.stream(RejectReason.values())
                .filter(reason -> !generated.contains(reason) && reason != RejectReason.WRITE_REJECTED)
                .map(RejectReason::name).toList();
        return new String[] {"Sends sample user events to Kafka, paced, with a progress line.",
                "",
                "Keyed by user id: Zipf-skewed user popularity, a funnel mix of event types (view > click > search > "
                        + "add_to_cart > login > purchase) with plausible metadata, and optionally a share of malformed "
                        + "payloads, one of " + generated.size() + " reject reasons each (of the "
                        + RejectReason.values().length + ": " + joinedWithAnd(unreachable) + " cannot happen under the "
                        + "job's default limits, and " + RejectReason.WRITE_REJECTED + " is Cassandra refusing a row that "
                        + "passed validation, not a payload's doing). Ends with what was sent; Ctrl-C stops early and "
                        + "still reports."};
    }

    private static String joinedWithAnd(List<String> names) {
        return names.size() <= 1 ? String.join("", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
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
