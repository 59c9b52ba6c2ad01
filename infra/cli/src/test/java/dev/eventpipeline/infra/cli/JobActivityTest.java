package dev.eventpipeline.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobActivityTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void showsRatesReasonsLagAndTheLastCheckpoint() {
        Map<String, Long> lag = new LinkedHashMap<>();
        lag.put("user-events[0]", 0L);
        lag.put("user-events[1]", 1234L);
        lag.put("user-events[2]", 5L);
        JobActivity activity = new JobActivity("event-pipeline", "RUNNING", 6, 6, 2013.4, 1950.04,
                Map.of("MALFORMED_JSON", 12.25), lag,
                Optional.of(new JobActivity.Checkpoint(42, NOW.minusMillis(3200), Duration.ofMillis(140))), 42, 1);

        assertThat(activity.lines("  ", NOW)).containsExactly(
                "  event-pipeline RUNNING (6/6 tasks)",
                "  in 2,013 events/s   rows 1,950/s   dead letters 12.3/s (MALFORMED_JSON 12.3)   (last minute)",
                "  lag user-events[0] 0, user-events[1] 1,234, user-events[2] 5   (total 1,239)",
                "  last checkpoint #42, 3.2 s ago, took 140 ms (42 completed, 1 failed)");
    }

    @Test
    void saysWhatIsNotThereYet() {
        JobActivity starting = new JobActivity("event-pipeline", "RUNNING", 2, 6, 0, 0, Map.of(), Map.of(), Optional.empty(), 0, 0);

        assertThat(starting.lines("", NOW)).containsExactly(
                "event-pipeline RUNNING (2/6 tasks)",
                "in 0.0 events/s   rows 0.0/s   dead letters 0.0/s   (last minute)",
                "lag not reported yet (no fetch so far)",
                "no checkpoint completed yet (0 failed)");
    }

    @Test
    void agesReadLikeTime() {
        assertThat(JobActivity.age(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(JobActivity.age(Duration.ofSeconds(185))).isEqualTo("3 min 5 s");
        assertThat(JobActivity.age(Duration.ofMinutes(130))).isEqualTo("2 h 10 min");
        assertThat(JobActivity.age(Duration.ofMillis(-5))).as("a clock a little behind the JobManager's").isEqualTo("0 ms");
    }
}
