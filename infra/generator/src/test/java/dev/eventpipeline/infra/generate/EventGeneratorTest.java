package dev.eventpipeline.infra.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.model.Result;
import dev.eventpipeline.model.UserEvent;
import dev.eventpipeline.model.UserEventCassandraModel;
import dev.eventpipeline.model.json.UserEventJsonCodec;
import dev.eventpipeline.transform.CassandraLimits;
import dev.eventpipeline.transform.RawEventProcessor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EventGeneratorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-25T10:15:30.123Z"), ZoneOffset.UTC);

    private static List<GeneratedRecord> generate(EventGenerator generator, int count) {
        List<GeneratedRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(generator.next());
        }
        return records;
    }

    private static EventGenerator.Settings.Builder base() {
        return EventGenerator.settings().seed(42).clock(CLOCK);
    }

    @Test
    void theSameSeedGivesTheSameRecords() {
        List<GeneratedRecord> first = generate(base().invalidFraction(0.1).generator(), 2000);
        List<GeneratedRecord> second = generate(base().invalidFraction(0.1).generator(), 2000);

        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).key()).isEqualTo(first.get(i).key());
            assertThat(second.get(i).value()).isEqualTo(first.get(i).value());
            assertThat(second.get(i).expectedRejection()).isEqualTo(first.get(i).expectedRejection());
        }
        assertThat(generate(base().seed(43).generator(), 10)).extracting(GeneratedRecord::key)
                .isNotEqualTo(first.subList(0, 10).stream().map(GeneratedRecord::key).toList());
    }

    @Test
    void everyRecordIsKeyedByItsUserIdAndEveryValidOneDecodesToItsEvent() {
        EventGenerator generator = base().users(50).invalidFraction(0.2).generator();
        UserEventJsonCodec codec = UserEventJsonCodec.create();

        for (GeneratedRecord record : generate(generator, 3000)) {
            assertThat(generator.users()).contains(record.userId());
            assertThat(record.key()).isEqualTo(record.userId().toString());
            record.event().ifPresent(event -> {
                assertThat(event.userId()).isEqualTo(record.userId());
                assertThat(codec.decode(record.value()).value()).isEqualTo(event);
            });
        }
    }

    @Test
    void userPopularityIsSkewedLikeZipf() {
        int users = 1000;
        int count = 100_000;
        EventGenerator generator = base().users(users).generator();
        Map<UUID, Long> perUser = generate(generator, count).stream()
                .collect(Collectors.groupingBy(GeneratedRecord::userId, Collectors.counting()));
        long[] sorted = perUser.values().stream().mapToLong(Long::longValue).sorted().toArray();
        long top = sorted[sorted.length - 1];
        long topTenPercent = Arrays.stream(sorted, sorted.length - users / 10, sorted.length).sum();

        // Zipf(1) over 1,000 users: the top user ~13.4%, the top 100 users ~69%; uniform would be 0.1% and 10%.
        assertThat(top / (double) count).isBetween(0.12, 0.15);
        assertThat(topTenPercent / (double) count).isBetween(0.64, 0.74);
        // The most popular rank is the first user id.
        assertThat(perUser.get(generator.users().get(0))).isEqualTo(top);
        // Uniform when asked.
        Map<UUID, Long> uniform = generate(base().users(10).zipfExponent(0).generator(), 50_000).stream()
                .collect(Collectors.groupingBy(GeneratedRecord::userId, Collectors.counting()));
        assertThat(uniform.values()).allSatisfy(n -> assertThat(n).isBetween(4500L, 5500L));
    }

    @Test
    void eventTypesFollowTheFunnelAndCarryPlausibleMetadata() {
        List<UserEvent> events = generate(base().generator(), 50_000).stream()
                .map(record -> record.event().orElseThrow()).toList();
        Map<String, Long> types = events.stream().collect(Collectors.groupingBy(UserEvent::eventType, Collectors.counting()));

        assertThat(types.keySet()).containsExactlyInAnyOrder("view", "click", "search", "add_to_cart", "login", "purchase");
        assertThat(types.get("view")).isGreaterThan(types.get("click"));
        assertThat(types.get("click")).isGreaterThan(types.get("add_to_cart"));
        assertThat(types.get("add_to_cart")).isGreaterThan(types.get("purchase"));
        assertThat(types.get("purchase")).isGreaterThan(0L);
        assertThat(events).allSatisfy(event -> assertThat(event.metadata()).containsKeys("source", "session_id", "page"));
        assertThat(events).filteredOn(event -> event.eventType().equals("purchase")).allSatisfy(event -> {
            assertThat(event.metadata()).containsKeys("amount", "currency", "order_id");
            assertThat(Double.parseDouble(event.metadata().get("amount"))).isBetween(5.0, 2000.0);
        });
        assertThat(events).filteredOn(event -> event.eventType().equals("search"))
                .allSatisfy(event -> assertThat(event.metadata()).containsKey("query"));
    }

    @Test
    void theInvalidFractionIsExactAndEveryReasonOccurs() {
        int count = 10_000;
        List<GeneratedRecord> records = generate(base().invalidFraction(0.03).generator(), count);

        assertThat(records.stream().filter(record -> !record.isValid()).count()).isEqualTo(300);
        // Spread through the stream, not bunched at the end.
        assertThat(records.subList(0, count / 2).stream().filter(record -> !record.isValid()).count()).isEqualTo(150);
        Set<RejectReason> reasons = records.stream().flatMap(record -> record.expectedRejection().stream())
                .collect(Collectors.toSet());
        assertThat(reasons).isEqualTo(PayloadLimits.JOB_DEFAULTS.reachableReasons());
        assertThat(generate(base().generator(), 1000)).allMatch(GeneratedRecord::isValid);
        assertThat(generate(base().invalidFraction(1).generator(), 1000)).noneMatch(GeneratedRecord::isValid);
    }

    @Test
    void theJobRefusesEveryInvalidPayloadForItsIntendedReasonAndAcceptsEveryValidOne() {
        for (PayloadLimits limits : List.of(PayloadLimits.JOB_DEFAULTS, PayloadLimits.EVERY_REASON)) {
            RawEventProcessor job = processorFor(limits);
            List<GeneratedRecord> records = generate(base().limits(limits).invalidFraction(0.5).generator(), 20_000);
            Map<RejectReason, Integer> seen = new EnumMap<>(RejectReason.class);

            for (GeneratedRecord record : records) {
                Result<UserEventCassandraModel> result = job.process(record.value());
                if (record.isValid()) {
                    assertThat(result.isAccepted()).as("%s", result).isTrue();
                } else {
                    assertThat(result.isAccepted()).as(new String(record.value())).isFalse();
                    assertThat(result.rejection().reason()).as(new String(record.value()))
                            .isEqualTo(record.expectedRejection().orElseThrow());
                    seen.merge(result.rejection().reason(), 1, Integer::sum);
                }
            }
            assertThat(seen.keySet()).isEqualTo(limits.reachableReasons());
        }
    }

    @Test
    void noTwoValidEventsShareAPrimaryKeySoEachBecomesOneRow() {
        // A fixed clock is the worst case: every event would have the same time.
        RawEventProcessor job = processorFor(PayloadLimits.JOB_DEFAULTS);
        List<UserEventCassandraModel> rows = generate(base().users(20).generator(), 5_000).stream()
                .map(record -> job.process(record.value()).value()).toList();
        Set<List<Object>> keys = new HashSet<>();
        for (UserEventCassandraModel row : rows) {
            keys.add(List.of(row.userId(), row.bucketDate(), row.eventTime(), row.eventType()));
        }
        assertThat(keys).hasSize(rows.size());
    }

    @Test
    void validEventsAcrossYesterdaysMidnightAreDistinctRowsOnTwoBucketDatesNeverAheadOfTheClock() {
        // What the pipeline tests take from the generator: every event its own row, two bucket dates.
        RawEventProcessor job = JobProcessor.under(PayloadLimits.JOB_DEFAULTS, Clock.systemUTC());
        List<UserEvent> events = EventGenerator.settings().seed(11).users(60)
                .clock(SpreadClock.acrossYesterdaysMidnight(Duration.ofHours(1), 3_000, Clock.systemUTC()))
                .generator().nextValidEvents(3_000);
        List<UserEventCassandraModel> rows = events.stream()
                .map(event -> job.process(UserEventJsonCodec.create().encode(event)).value()).toList();

        assertThat(rows.stream().map(row -> List.of(row.userId(), row.bucketDate(), row.eventTime(), row.eventType()))
                .distinct()).hasSize(3_000);
        assertThat(rows.stream().map(UserEventCassandraModel::bucketDate).distinct()).hasSize(2);
        assertThat(events).allSatisfy(event -> assertThat(event.eventTime()).isBefore(Instant.now()));
        assertThat(events.stream().map(UserEvent::userId).distinct().count()).isGreaterThan(30);
    }

    @Test
    void jobArgumentsMakeTheJobAgreeWithTheLimits() {
        assertThat(PayloadLimits.JOB_DEFAULTS.jobArguments()).isEmpty();
        assertThat(PayloadLimits.EVERY_REASON.jobArguments()).containsExactly(
                "--validation.max-payload-bytes", "16384", "--validation.max-row-bytes", "8192",
                "--validation.max-age", "315360000 s");
        assertThat(PayloadLimits.JOB_DEFAULTS.reachableReasons())
                .doesNotContain(RejectReason.TOO_LARGE, RejectReason.ROW_TOO_LARGE, RejectReason.EVENT_TIME_TOO_OLD,
                        RejectReason.WRITE_REJECTED)
                .hasSize(RejectReason.values().length - 4);
        // Every reason a payload can be refused for; WRITE_REJECTED is the Cassandra writer's.
        assertThat(PayloadLimits.EVERY_REASON.reachableReasons()).isEqualTo(HostilePayloads.SUPPORTED)
                .doesNotContain(RejectReason.WRITE_REJECTED)
                .hasSize(RejectReason.values().length - 1);
    }

    @Test
    void allJobArgumentsSetEveryLimitSoTheyOverrideEarlierOnes() {
        assertThat(HostilePayloads.CORPUS_LIMITS.allJobArguments()).containsExactly(
                "--validation.max-payload-bytes", "1048576", "--validation.max-event-type-length", "64",
                "--validation.max-metadata-entries", "64", "--validation.max-metadata-key-length", "128",
                "--validation.max-metadata-value-bytes", "4096", "--validation.max-row-bytes", "65536",
                "--validation.max-future-skew", "3600 s", "--validation.max-age", "315360000 s");
        assertThat(PayloadLimits.JOB_DEFAULTS.allJobArguments()).hasSize(14).doesNotContain("--validation.max-age");
    }

    @Test
    void nextValidEventsPassesOverInvalidRecords() {
        List<UserEvent> events = base().invalidFraction(0.5).generator().nextValidEvents(300);

        assertThat(events).hasSize(300).doesNotHaveDuplicates();
        assertThat(base().generator().nextValidEvents(5)).containsExactlyElementsOf(
                generate(base().generator(), 5).stream().map(record -> record.event().orElseThrow()).toList());
        assertThatThrownBy(() -> base().invalidFraction(1).generator().nextValidEvents(1))
                .hasMessageContaining("every record is invalid");
    }

    @Test
    void everyReasonHasARecipeOrCannotComeFromAPayload() {
        Set<RejectReason> all = new HashSet<>(HostilePayloads.SUPPORTED);
        all.addAll(HostilePayloads.NOT_FROM_A_PAYLOAD);

        assertThat(all).containsExactlyInAnyOrder(RejectReason.values());
        assertThat(HostilePayloads.SUPPORTED).doesNotContainAnyElementsOf(HostilePayloads.NOT_FROM_A_PAYLOAD);
        assertThat(HostilePayloads.NOT_FROM_A_PAYLOAD).containsExactly(RejectReason.WRITE_REJECTED);
    }

    @Test
    void rowTooLargePayloadsAreRowsJustOverTheRowLimitWithEveryFieldAndThePayloadWithinTheirs() {
        PayloadLimits limits = PayloadLimits.EVERY_REASON;
        EventGenerator generator = base().limits(limits).invalidFraction(1).reasons(Set.of(RejectReason.ROW_TOO_LARGE))
                .generator();
        UserEventJsonCodec codec = UserEventJsonCodec.create();
        assertThat(HostilePayloads.ROW_FIXED_BYTES).isEqualTo(CassandraLimits.ROW_FIXED_BYTES);

        for (GeneratedRecord record : generate(generator, 500)) {
            assertThat(record.value().length).isLessThanOrEqualTo(limits.maxPayloadBytes());
            UserEvent event = codec.decode(record.value()).value();
            assertThat(CassandraLimits.rowBytes(event)).isBetween(limits.maxRowBytes() + 1L, limits.maxRowBytes() + 64L);
            assertThat(event.metadata()).hasSizeLessThanOrEqualTo(limits.maxMetadataEntries());
            assertThat(event.metadata().values()).allSatisfy(value ->
                    assertThat(value.length()).isLessThanOrEqualTo(limits.maxMetadataValueBytes()));
        }
    }

    @Test
    void aRowOverTheRowLimitIsReachableOnlyWhenTheOtherLimitsLeaveRoomForIt() {
        // Default field limits cap a row at ~287 KB, far below the default 1 MiB row limit.
        assertThat(PayloadLimits.JOB_DEFAULTS.rowTooLargeFits()).isFalse();
        assertThat(PayloadLimits.EVERY_REASON.rowTooLargeFits()).isTrue();
        // A payload is larger than its row: a row limit at the payload limit cannot be exceeded.
        assertThat(PayloadLimits.EVERY_REASON.withMaxRowBytes(16 * 1024).rowTooLargeFits()).isFalse();
        assertThat(PayloadLimits.JOB_DEFAULTS.withMaxRowBytes(64 * 1024).rowTooLargeFits()).isTrue();
        assertThat(PayloadLimits.JOB_DEFAULTS.withMaxRowBytes(64 * 1024).reachableReasons())
                .contains(RejectReason.ROW_TOO_LARGE);
    }

    @Test
    void unreachableReasonsAndBadSettingsAreRefused() {
        assertThatThrownBy(() -> base().reasons(Set.of(RejectReason.TOO_LARGE)).build())
                .hasMessageContaining("cannot be produced").hasMessageContaining("TOO_LARGE");
        assertThatThrownBy(() -> base().reasons(Set.of(RejectReason.ROW_TOO_LARGE)).build())
                .hasMessageContaining("cannot be produced").hasMessageContaining("ROW_TOO_LARGE");
        assertThatThrownBy(() -> base().limits(PayloadLimits.EVERY_REASON).reasons(Set.of(RejectReason.WRITE_REJECTED))
                .build()).hasMessageContaining("cannot be produced").hasMessageContaining("WRITE_REJECTED");
        assertThatThrownBy(() -> base().invalidFraction(1.5).build()).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> base().users(0).build()).hasMessageContaining("at least 1");
    }

    @Test
    void eventTimesComeFromTheClockAndIncreasePerUser() {
        Clock clock = Clock.systemUTC();
        Instant before = Instant.now().minusMillis(1);
        List<GeneratedRecord> records = generate(base().clock(clock).users(5).generator(), 5000);
        Map<UUID, Instant> last = new HashMap<>();
        for (GeneratedRecord record : records) {
            Instant time = record.event().orElseThrow().eventTime();
            assertThat(time).isAfter(before).isBefore(Instant.now().plusSeconds(10));
            Instant previous = last.put(record.userId(), time);
            if (previous != null) {
                assertThat(time).isAfter(previous);
            }
        }
    }

    private static RawEventProcessor processorFor(PayloadLimits limits) {
        return JobProcessor.under(limits, CLOCK);
    }
}
