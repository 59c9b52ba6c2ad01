package dev.eventpipeline.job.testing;

import dev.eventpipeline.model.UserEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/** Valid events with distinct primary keys, spread over users and across a UTC midnight. */
public final class TestEvents {

    private static final String[] TYPES = {"view", "click", "add_to_cart", "purchase", "login", "search"};

    private TestEvents() {}

    /**
     * {@code count} events of {@code users} users between 30 minutes before and after yesterday's
     * UTC midnight (so two bucket dates, and never ahead of the clock).
     */
    public static List<UserEvent> spanningMidnight(int count, int users, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<UUID> userIds = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            userIds.add(new UUID(random.nextLong(), random.nextLong()));
        }
        Instant midnight = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
        Instant start = midnight.minus(Duration.ofMinutes(30));
        long stepMillis = Math.max(1, Duration.ofHours(1).toMillis() / Math.max(1, count / users));
        List<UserEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // The time step per round keeps (user, event_time) unique, so each event is its own row.
            Instant eventTime = start.plusMillis((i / users) * stepMillis + random.nextInt((int) Math.min(stepMillis, 1000)));
            events.add(UserEvent.builder()
                    .userId(userIds.get(i % users))
                    .eventType(TYPES[random.nextInt(TYPES.length)])
                    .eventTime(eventTime.plusNanos(random.nextInt(1_000_000)))
                    .eventId(new UUID(random.nextLong(), random.nextLong()))
                    .putMetadata("source", random.nextBoolean() ? "web" : "ios")
                    .putMetadata("session_id", "s-" + random.nextInt(1000))
                    .build());
        }
        return events;
    }
}
