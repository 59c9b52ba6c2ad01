package dev.eventpipeline.infra.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadClockTest {

    @Test
    void spreadsTheEventsEvenlyOverTheSpanEndingNow() {
        Instant now = Instant.parse("2025-11-25T10:00:00Z");
        SpreadClock clock = SpreadClock.endingNow(Duration.ofHours(1), 3600, Clock.fixed(now, ZoneOffset.UTC));

        List<Instant> readings = readings(clock, 3600);

        assertThat(readings.get(0)).isEqualTo(Instant.parse("2025-11-25T09:00:00Z"));
        assertThat(readings.get(1)).isEqualTo(Instant.parse("2025-11-25T09:00:01Z"));
        assertThat(readings.get(3599)).isEqualTo(Instant.parse("2025-11-25T09:59:59Z"));
    }

    @Test
    void generatedEventsLookLikeAnHourOfTrafficAndNoneIsInTheFuture() {
        Instant now = Instant.now();
        EventGenerator generator = EventGenerator.settings().seed(1).users(10)
                .clock(SpreadClock.endingNow(Duration.ofHours(1), 1000, Clock.systemUTC())).generator();

        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            times.add(generator.next().event().orElseThrow().eventTime());
        }

        assertThat(times.get(0)).isBetween(now.minus(Duration.ofMinutes(61)), now.minus(Duration.ofMinutes(59)));
        assertThat(times).allSatisfy(time -> assertThat(time).isBefore(Instant.now().plusSeconds(1)));
        assertThat(Duration.between(times.get(0), times.get(999))).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
    }

    @Test
    void acrossYesterdaysMidnightGivesTwoBucketDatesADayBeforeNow() {
        Clock now = Clock.fixed(Instant.parse("2025-11-25T00:10:00Z"), ZoneOffset.UTC);
        SpreadClock clock = SpreadClock.acrossYesterdaysMidnight(Duration.ofHours(1), 60, now);

        List<Instant> readings = readings(clock, 60);

        assertThat(readings.get(0)).isEqualTo(Instant.parse("2025-11-23T23:30:00Z"));
        assertThat(readings.get(30)).isEqualTo(Instant.parse("2025-11-24T00:00:00Z"));
        assertThat(readings.get(59)).isEqualTo(Instant.parse("2025-11-24T00:29:00Z"));
    }

    private static List<Instant> readings(Clock clock, int count) {
        List<Instant> readings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            readings.add(clock.instant());
        }
        return readings;
    }
}
