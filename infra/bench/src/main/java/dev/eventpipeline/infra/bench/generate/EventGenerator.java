package dev.eventpipeline.infra.bench.generate;

import dev.eventpipeline.model.UserEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Seeded, reproducible user events as a busy site would send them: users drawn from a Zipf
 * distribution (a few heavy users, a long tail), event times in order over a span of 1–2 days that
 * ends shortly before now, and a metadata mix of 0, 2, 5 and 20 entries. Every event has its own
 * event time, so every event is its own row and the expected row count is the event count.
 */
public final class EventGenerator {

    private static final String[] TYPES = {"view", "click", "add_to_cart", "purchase", "login", "search"};
    private static final String[] SOURCES = {"web", "ios", "android"};

    private final SplittableRandom random;
    private final UUID[] users;
    private final double[] cumulative;
    private final Instant start;
    private final long stepMicros;

    /**
     * @param users distinct users
     * @param zipfExponent skew; 1.0 gives the heaviest user ~10% of 10,000 users' events
     * @param span event times run over this span, ending at {@code end}
     * @param count events that will be drawn over the span (sets the time step)
     */
    public EventGenerator(long seed, int users, double zipfExponent, Duration span, Instant end, int count) {
        this.random = new SplittableRandom(seed);
        this.users = new UUID[users];
        this.cumulative = new double[users];
        double sum = 0;
        for (int u = 0; u < users; u++) {
            this.users[u] = new UUID(random.nextLong(), random.nextLong());
            sum += 1.0 / Math.pow(u + 1, zipfExponent);
            cumulative[u] = sum;
        }
        for (int u = 0; u < users; u++) {
            cumulative[u] /= sum;
        }
        this.start = end.minus(span);
        this.stepMicros = Math.max(1000, span.toNanos() / 1000 / Math.max(1, count));
    }

    /** The defaults of the end-to-end benchmark: 10,000 Zipf(1.0) users over 36 hours. */
    public static EventGenerator standard(long seed, int count) {
        return new EventGenerator(seed, 10_000, 1.0, Duration.ofHours(36), Instant.now().minusSeconds(300), count);
    }

    /** The {@code index}-th event of the historical stream (call with increasing indexes). */
    public UserEvent historical(long index) {
        // Millisecond-distinct times: index * step (>= 1 ms) plus a sub-step jitter in whole ms.
        long micros = index * stepMicros + (random.nextLong(stepMicros) / 1000) * 1000;
        return event(start.plusNanos(micros * 1000));
    }

    /** An event happening now (latency runs); {@code eventTime} must be distinct per user. */
    public UserEvent live(Instant eventTime) {
        return event(eventTime);
    }

    private UserEvent event(Instant eventTime) {
        return UserEvent.builder()
                .userId(nextUser())
                .eventType(TYPES[random.nextInt(TYPES.length)])
                .eventTime(eventTime)
                .eventId(new UUID(random.nextLong(), random.nextLong()))
                .metadata(metadata())
                .build();
    }

    private UUID nextUser() {
        double p = random.nextDouble();
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] < p) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return users[low];
    }

    /** 20% none, 50% two (source, session), 25% five, 5% twenty entries. */
    private Map<String, String> metadata() {
        int draw = random.nextInt(100);
        int entries = draw < 20 ? 0 : draw < 70 ? 2 : draw < 95 ? 5 : 20;
        return metadata(random, entries);
    }

    /** {@code entries} realistic string attributes. */
    public static Map<String, String> metadata(SplittableRandom random, int entries) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (entries >= 1) {
            metadata.put("source", SOURCES[random.nextInt(SOURCES.length)]);
        }
        if (entries >= 2) {
            metadata.put("session_id", "s-" + Integer.toHexString(random.nextInt()));
        }
        if (entries >= 3) {
            metadata.put("page", "/products/" + random.nextInt(5000));
        }
        if (entries >= 4) {
            metadata.put("referrer", "https://search.example/q?" + random.nextInt(100_000));
        }
        for (int i = metadata.size(); i < entries; i++) {
            metadata.put("attr_" + i, "value-" + random.nextInt(1_000_000));
        }
        return metadata;
    }
}
