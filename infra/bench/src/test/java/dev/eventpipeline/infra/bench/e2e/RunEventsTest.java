package dev.eventpipeline.infra.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.infra.generate.GeneratedRecord;
import dev.eventpipeline.model.UserEvent;
import dev.eventpipeline.model.UserEventCassandraModel;
import dev.eventpipeline.transform.UserEventMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RunEventsTest {

    /** The bench's defaults: 10,000 users, Zipf(1.0), seed 42. */
    private static final RunEvents.Users USERS = new RunEvents.Users(10_000, 1.0, 42);
    private static final RunEvents.Users OTHER_SEED = new RunEvents.Users(10_000, 1.0, 7);

    private static final Instant END = Instant.parse("2026-11-25T23:55:00Z");

    @Test
    void everyMeasuredEventIsItsOwnRowWithin36HoursEndingAtTheEnd() {
        List<GeneratedRecord> records = RunEvents.measured(USERS, 20_000, END);

        assertThat(records).hasSize(20_000).allMatch(GeneratedRecord::isValid);
        List<UserEventCassandraModel> rows = records.stream()
                .map(record -> UserEventMapper.toRow(record.event().orElseThrow())).toList();
        Set<List<Object>> primaryKeys = rows.stream()
                .map(row -> List.<Object>of(row.userId(), row.bucketDate(), row.eventTime(), row.eventType()))
                .collect(Collectors.toSet());
        assertThat(primaryKeys).hasSize(rows.size());
        assertThat(rows).allSatisfy(row -> assertThat(row.eventTime())
                .isBetween(END.minus(Duration.ofHours(36)), END.plusSeconds(1)));
        assertThat(rows.stream().map(UserEventCassandraModel::bucketDate).distinct().count()).isBetween(2L, 3L);
    }

    @Test
    void theJobsWarmUpEventsComeFromOtherUsers() {
        Set<UUID> measuredUsers = users(RunEvents.measured(USERS, 10_000, END));
        Set<UUID> warmupUsers = users(RunEvents.warmup(USERS, 10_000, END.minus(Duration.ofDays(30))));

        assertThat(warmupUsers).isNotEmpty().doesNotContainAnyElementsOf(measuredUsers);
    }

    @Test
    void theSameSeedGivesTheSameEvents() {
        assertThat(events(RunEvents.measured(OTHER_SEED, 1_000, END))).isEqualTo(events(RunEvents.measured(OTHER_SEED, 1_000, END)));
    }

    private static Set<UUID> users(List<GeneratedRecord> records) {
        return records.stream().map(GeneratedRecord::userId).collect(Collectors.toSet());
    }

    private static List<UserEvent> events(List<GeneratedRecord> records) {
        return records.stream().map(record -> record.event().orElseThrow()).toList();
    }
}
