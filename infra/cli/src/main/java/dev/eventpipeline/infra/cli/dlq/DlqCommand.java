package dev.eventpipeline.infra.cli.dlq;

import dev.eventpipeline.infra.cli.StatusLine;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `pipeline dlq stats|tail|replay`: look into the dead-letter topic and replay what was refused. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = {"The dead-letter topic: count (stats), read (tail) and replay (replay) dead letters.",
                "Against the local stack by default; --bootstrap-servers or --config <the job's properties> for any cluster."},
        subcommands = {DlqCommand.Stats.class, DlqCommand.Tail.class, DlqCommand.Replay.class})
public final class DlqCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** --reason, --since, --until: which dead letters. */
    static final class Range {
        @Option(names = "--since", paramLabel = "T",
                description = "From this time on (the dead letter's timestamp): an ISO-8601 instant, e.g. 2025-11-25T10:00:00Z, "
                        + "or a duration before now, e.g. 2h, 30 min, 7 d (default: the topic's beginning).")
        String since;

        @Option(names = "--until", paramLabel = "T", description = "Before this time, as --since (default: now).")
        String until;

        DeadLetterSelection selection(Set<String> reasons, Instant now) {
            return new DeadLetterSelection(reasons,
                    Optional.ofNullable(since).map(text -> DeadLetterSelection.instant("--since", text, now)),
                    Optional.ofNullable(until).map(text -> DeadLetterSelection.instant("--until", text, now)));
        }
    }

    static String describe(DeadLetterSelection selection) {
        List<String> parts = new ArrayList<>();
        if (!selection.reasons().isEmpty()) {
            parts.add("reason " + String.join(", ", selection.reasons().stream().sorted().toList()));
        }
        selection.since().ifPresent(since -> parts.add("since " + since));
        selection.until().ifPresent(until -> parts.add("until " + until));
        return parts.isEmpty() ? "(all)" : "(" + String.join(", ", parts) + ")";
    }

    @Command(name = "stats", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Dead letters by reason, by source partition, by hour (UTC) and by replay attempts, over a time range.")
    static final class Stats implements Callable<Integer> {
        @Mixin
        Range range;

        @Option(names = "--reason", paramLabel = "R", description = "Only this reason (repeatable).")
        Set<String> reasons = Set.of();

        @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
                description = "text (default) or json (one object).")
        Format format;

        @Mixin
        DlqConnectionOptions kafka;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            DeadLetterSelection selection = range.selection(reasons, Instant.now());
            DlqConnectionOptions.Connection connection = kafka.connection();
            DeadLetterStats stats = new DeadLetterStats();
            try (DeadLetterReader reader = new DeadLetterReader(connection.clientProperties(), connection.deadLetterTopic())) {
                reader.readRange(selection.since(), letter -> {
                    if (selection.matches(letter)) {
                        stats.add(letter);
                    }
                });
            }
            out.println(format == Format.json ? DeadLetterFormat.json(stats, selection.since(), selection.until())
                    : "Dead-letter topic " + connection.describe() + System.lineSeparator()
                            + DeadLetterFormat.text(stats, describe(selection)).stripTrailing());
            out.flush();
            return 0;
        }
    }

    enum Format { text, json }

    @Command(name = "tail", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"The latest dead letters with their headers decoded and the payload shown safely (escaped, "
                    + "cut at " + DeadLetterFormat.WIDTH + " characters with its size; hex when not UTF-8).",
                    "--follow keeps printing new ones until Ctrl-C; --format json prints one whole object a line."})
    static final class Tail implements Callable<Integer> {
        private static final java.util.Comparator<DeadLetterRecord> LATEST_LAST =
                java.util.Comparator.comparing(DeadLetterRecord::timestamp).thenComparing(DeadLetterRecord::coordinates);

        @Option(names = "--reason", paramLabel = "R", description = "Only this reason (repeatable).")
        Set<String> reasons = Set.of();

        @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "20",
                description = "How many of the latest to show first (default ${DEFAULT-VALUE}; 0: none, with --follow only new ones).")
        int lines;

        @Option(names = {"-f", "--follow"}, description = "Keep reading and print dead letters as they arrive, until Ctrl-C.")
        boolean follow;

        @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
                description = "text (default) or json (one object a line, key and value whole).")
        Format format;

        @Mixin
        Range range;

        @Mixin
        DlqConnectionOptions kafka;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            if (lines < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--lines must be 0 or more: " + lines);
            }
            if (follow && range.until != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--follow reads on; it takes no --until");
            }
            DeadLetterSelection selection = range.selection(reasons, Instant.now());
            DlqConnectionOptions.Connection connection = kafka.connection();
            // the latest by timestamp (partitions are read side by side, not in time order), oldest on top
            java.util.PriorityQueue<DeadLetterRecord> latest = new java.util.PriorityQueue<>(LATEST_LAST);
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch finished = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                stop.set(true);
                try {
                    finished.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "dlq-tail-shutdown");
            if (follow) {
                Runtime.getRuntime().addShutdownHook(hook);
            }
            try (DeadLetterReader reader = new DeadLetterReader(connection.clientProperties(), connection.deadLetterTopic())) {
                reader.readRange(selection.since(), letter -> {
                    if (selection.matches(letter) && lines > 0) {
                        latest.add(letter);
                        if (latest.size() > lines) {
                            latest.poll();
                        }
                    }
                });
                if (format == Format.text) {
                    out.println("Dead-letter topic " + connection.describe() + ", " + describe(selection) + ":");
                }
                latest.stream().sorted(LATEST_LAST).forEach(letter -> print(out, letter));
                out.flush();
                if (follow) {
                    reader.follow(letter -> {
                        if (selection.matches(letter)) {
                            print(out, letter);
                            out.flush();
                        }
                    }, stop::get);
                }
            } finally {
                finished.countDown();
                if (follow) {
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        // the hook is running: the JVM is exiting anyway
                    }
                }
            }
            return 0;
        }

        private void print(PrintWriter out, DeadLetterRecord letter) {
            out.print(format == Format.json ? DeadLetterFormat.json(letter) + System.lineSeparator() : DeadLetterFormat.text(letter));
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Sends the chosen dead letters' original key and bytes back to their source topic, with "
                    + "dlq.replay.* headers: the attempt (1 + the dead letter's dlq.replay.attempt, 0 when absent) and the "
                    + "event's original topic, partition and offset.",
                    "Each event counts once, through its latest dead letter (most attempts); --reason, --since and --until "
                    + "choose among those. Events whose dead letter reached --max-attempts are skipped and counted, as are "
                    + "payloads the job had to cut to fit the topic. Rows are upserts: replaying twice adds no rows."})
    static final class Replay implements Callable<Integer> {
        @Option(names = "--reason", paramLabel = "R", required = true,
                description = "The reason to replay (repeatable), e.g. EVENT_TYPE_TOO_LONG after raising the limit.")
        Set<String> reasons;

        @Mixin
        Range range;

        @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "3",
                description = "Replays per event at most: a dead letter with this many refused replays is skipped "
                        + "(default ${DEFAULT-VALUE}).")
        int maxAttempts;

        @Option(names = "--to-topic", paramLabel = "TOPIC",
                description = "Where to send (default: each dead letter's dlq.source.topic, else the job's kafka.topic).")
        String toTopic;

        @Option(names = "--dry-run", description = "Show what would be replayed; send nothing.")
        boolean dryRun;

        @Mixin
        DlqConnectionOptions kafka;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            if (maxAttempts < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--max-attempts must be at least 1: " + maxAttempts);
            }
            DeadLetterSelection selection = range.selection(reasons, Instant.now());
            DlqConnectionOptions.Connection connection = kafka.connection();
            out.println("Reading " + connection.describe() + " " + describe(selection) + "…");
            out.flush();
            List<DeadLetterRecord> letters = new ArrayList<>();
            StatusLine status = new StatusLine(out);
            try (DeadLetterReader reader = new DeadLetterReader(connection.clientProperties(), connection.deadLetterTopic())) {
                // From --since on, but to the end: a later dead letter of a chosen event (a refused replay) raises its attempts.
                reader.readRange(selection.since(), letter -> {
                    letters.add(letter);
                    if (letters.size() % 10_000 == 0) {
                        status.update(String.format("read %,d dead letters", letters.size()));
                    }
                });
            }
            status.clear();
            ReplayPlan plan = ReplayPlan.of(letters, selection, maxAttempts);
            out.println(plan(plan));
            List<ProducerRecord<byte[], byte[]>> records = plan.toSend().stream()
                    .map(letter -> DeadLetterReplayer.record(letter, target(letter, connection)))
                    .toList();
            Map<String, Long> byTopic = records.stream()
                    .collect(Collectors.groupingBy(ProducerRecord::topic, java.util.TreeMap::new, Collectors.counting()));
            if (dryRun || records.isEmpty()) {
                out.println((dryRun ? "Dry run: nothing sent; would send " : "Nothing to send: ") + records.size()
                        + " events" + (byTopic.isEmpty() ? "." : " to " + byTopic + "."));
                out.flush();
                return 0;
            }
            long start = System.nanoTime();
            try (DeadLetterReplayer replayer = new DeadLetterReplayer(connection.clientProperties())) {
                replayer.send(records, done -> status.update(String.format("sent %,d of %,d", done, records.size())));
            }
            status.clear();
            out.printf("Replayed %,d events to %s in %s; skipped %,d at --max-attempts %d, %,d cut.%n", records.size(),
                    byTopic, StatusLine.seconds(start), plan.atLimit().size(), maxAttempts, plan.cut().size());
            out.flush();
            return 0;
        }

        private String target(DeadLetterRecord letter, DlqConnectionOptions.Connection connection) {
            if (toTopic != null) {
                return toTopic;
            }
            return letter.source() != null ? letter.source().topic() : connection.sourceTopic();
        }

        private String plan(ReplayPlan plan) {
            StringBuilder text = new StringBuilder(String.format(
                    "Read %,d dead letters; %,d events chosen: %,d to send, %,d skipped at --max-attempts %d, %,d cut by the "
                            + "job to fit the topic (cannot be replayed).",
                    plan.deadLettersRead(), plan.selected(), plan.toSend().size(), plan.atLimit().size(), maxAttempts,
                    plan.cut().size()));
            plan.toSendByReason().forEach((reason, count) -> text.append(System.lineSeparator())
                    .append(String.format("  to send  %-28s %,10d", reason, count)));
            ReplayPlan.byReason(plan.atLimit()).forEach((reason, count) -> text.append(System.lineSeparator())
                    .append(String.format("  at limit %-28s %,10d", reason, count)));
            return text.toString();
        }
    }
}
