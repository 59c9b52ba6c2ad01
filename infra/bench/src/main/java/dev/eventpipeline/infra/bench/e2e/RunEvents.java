package dev.eventpipeline.infra.bench.e2e;

import dev.eventpipeline.infra.generate.EventGenerator;
import dev.eventpipeline.infra.generate.GeneratedRecord;
import dev.eventpipeline.infra.generate.SpreadClock;
import dev.eventpipeline.model.UserEventCassandraModel;
import dev.eventpipeline.transform.UserEventMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The run's events, from the pipeline's {@link EventGenerator} (by default 10,000 users, Zipf(1.0); all valid):
 * the measured ones with event times spread over 36 hours ending 5 minutes ago, and before them the
 * jobs' warm-up events (other users, a month earlier). Both are produced to the topic once, before
 * anything is measured. The generator keeps event times strictly increasing per user, so every event
 * is its own row and the expected row count is the event count.
 */
final class RunEvents {

    private static final Duration SPAN = Duration.ofHours(36);

    private final List<UserEventCassandraModel> rows;
    private final LocalDate measuredFrom;

    private RunEvents(List<UserEventCassandraModel> rows, LocalDate measuredFrom) {
        this.rows = rows;
        this.measuredFrom = measuredFrom;
    }

    /** Generates the warm-up and the measured events, produces them to {@code topic}, keeps the measured rows. */
    static RunEvents produce(EndToEndBenchmark.Options options, String bootstrapServers, String topic, StepLog log) {
        Users users = options.generatedUsers();
        log.step("generating " + options.events() + " events (" + users + ")");
        List<GeneratedRecord> events = measured(users, options.events(),
                Instant.now().minus(Duration.ofMinutes(5)));
        List<UserEventCassandraModel> rows = new ArrayList<>(events.size());
        for (GeneratedRecord event : events) {
            rows.add(UserEventMapper.toRow(event.event().orElseThrow()));
        }
        LocalDate measuredFrom = rows.stream().map(UserEventCassandraModel::bucketDate).min(LocalDate::compareTo)
                .orElseThrow();
        long partitions = rows.stream().map(r -> r.userId() + "/" + r.bucketDate()).distinct().count();
        // A job JVM starts cold: in a 40 s run its JIT compiler took a fifth of its CPU (JFR). Each job
        // therefore first works through other users' events of a month earlier, written but not counted.
        List<GeneratedRecord> warmupEvents = warmup(users, options.jobWarmupEvents(),
                Instant.now().minus(Duration.ofDays(30)));
        log.step("producing " + warmupEvents.size() + " job warm-up events, then the " + events.size()
                + " measured ones to " + topic + " (" + partitions + " Cassandra partitions)");
        long start = System.nanoTime();
        try (EventLoad load = new EventLoad(bootstrapServers, 20)) {
            load.sendAll(topic, warmupEvents);
            load.sendAll(topic, events);
        }
        log.step(String.format(Locale.ROOT, "produced in %.1f s", (System.nanoTime() - start) / 1e9));
        return new RunEvents(Collections.unmodifiableList(rows), measuredFrom);
    }

    /** {@code count} measured events, their event times spread over 36 hours ending at {@code end}. */
    static List<GeneratedRecord> measured(Users users, int count, Instant end) {
        return generate(users, spreadOver36HoursEndingAt(end, count), count);
    }

    /**
     * {@code count} warm-up events of other users than the measured ones (seed + 1), over 36 hours
     * ending at {@code end}.
     */
    static List<GeneratedRecord> warmup(Users users, int count, Instant end) {
        return generate(users.others(), spreadOver36HoursEndingAt(end, count), count);
    }

    /** Events happening now, on the system clock, for the latency runs (the warm-up events' users). */
    static EventGenerator live(Users users) {
        return generator(users.others(), Clock.systemUTC());
    }

    /** The measured events' rows, in the order they were produced. */
    List<UserEventCassandraModel> rows() {
        return rows;
    }

    /** The first bucket date of the measured rows: the jobs' warm-up rows lie before it and do not count. */
    LocalDate measuredFrom() {
        return measuredFrom;
    }

    private static Clock spreadOver36HoursEndingAt(Instant end, int count) {
        return SpreadClock.endingNow(SPAN, Math.max(1, count), Clock.fixed(end, ZoneOffset.UTC));
    }

    private static List<GeneratedRecord> generate(Users users, Clock clock, int count) {
        EventGenerator generator = generator(users, clock);
        List<GeneratedRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(generator.next());
        }
        return records;
    }

    private static EventGenerator generator(Users users, Clock clock) {
        return EventGenerator.settings().users(users.count()).zipfExponent(users.skew()).seed(users.seed())
                .invalidFraction(0).clock(clock).generator();
    }

    /**
     * Whose events: how many users, how skewed their popularity, and the seed that makes them. The
     * command line's {@code --users}, {@code --skew} and {@code --seed} ({@code GeneratorOptions}).
     */
    record Users(int count, double skew, long seed) {

        /** Other users than these (the next seed), for the jobs' warm-up and the latency runs. */
        Users others() {
            return new Users(count, skew, seed + 1);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d users, skew %.2f, seed %d", count, skew, seed);
        }
    }
}
