package dev.eventpipeline.job.testing;

import dev.eventpipeline.infra.generate.EventGenerator;
import dev.eventpipeline.infra.generate.SpreadClock;
import dev.eventpipeline.model.UserEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The job tests' valid events, from the one {@link EventGenerator}. */
public final class SampleEvents {

    private SampleEvents() {}

    /**
     * {@code count} valid events of {@code users} users, their times spread over the hour around
     * yesterday's UTC midnight: two bucket dates, never ahead of the clock, every event its own row.
     * Users equally busy (no Zipf skew), so a scenario's load spreads over the Kafka partitions and
     * subtasks evenly, as the tests' events always did.
     */
    public static List<UserEvent> spanningMidnight(int count, int users, long seed) {
        return EventGenerator.settings().seed(seed).users(users).zipfExponent(0)
                .clock(SpreadClock.acrossYesterdaysMidnight(Duration.ofHours(1), count, Clock.systemUTC()))
                .generator().nextValidEvents(count);
    }
}
