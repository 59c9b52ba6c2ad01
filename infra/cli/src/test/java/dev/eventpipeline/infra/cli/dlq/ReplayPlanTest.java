package dev.eventpipeline.infra.cli.dlq;

import static dev.eventpipeline.infra.cli.dlq.DeadLetters.letter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventpipeline.connectors.deadletter.DeadLetterHeaders;
import dev.eventpipeline.connectors.deadletter.ReplayProvenance;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

class ReplayPlanTest {

    private static final DeadLetterSelection TOO_LONG =
            new DeadLetterSelection(Set.of("EVENT_TYPE_TOO_LONG"), Optional.empty(), Optional.empty());

    @Test
    void anOriginalDeadLetterIsAttemptZeroOfItsOwnSource() {
        DeadLetterRecord letter = letter(7, 1_000, "EVENT_TYPE_TOO_LONG", 2, 41, null);

        assertThat(letter.attempts()).isZero();
        assertThat(letter.origin()).hasToString("user-events-2@41");
        assertThat(letter.coordinates()).hasToString("user-events-dlq-0@7");
        assertThat(letter.sourceTimestamp()).isEqualTo(Instant.ofEpochMilli(995));
        assertThat(letter.wholePayload()).isTrue();
    }

    @Test
    void theReplayRecordCarriesOneAttemptMoreAndTheOriginalCoordinates() {
        DeadLetterRecord refusedReplay = letter(9, 2_000, "EVENT_TYPE_TOO_LONG", 0, 500,
                new ReplayProvenance(1, "user-events", 2, 41));

        ProducerRecord<byte[], byte[]> record = DeadLetterReplayer.record(refusedReplay, "user-events");

        assertThat(record.topic()).isEqualTo("user-events");
        assertThat(record.partition()).as("partitioned by key, as producers do").isNull();
        assertThat(record.key()).isEqualTo(refusedReplay.key());
        assertThat(record.value()).isEqualTo(refusedReplay.value());
        assertThat(ReplayProvenance.fromHeaders(record.headers())).isEqualTo(new ReplayProvenance(2, "user-events", 2, 41));
    }

    @Test
    void eachEventCountsOnceThroughItsLatestDeadLetter() {
        List<DeadLetterRecord> letters = List.of(
                letter(0, 1_000, "EVENT_TYPE_TOO_LONG", 0, 10, null),
                letter(1, 1_001, "EVENT_TYPE_TOO_LONG", 0, 10, null), // the at-least-once sink wrote it twice
                letter(2, 1_002, "EVENT_TYPE_TOO_LONG", 0, 11, null),
                letter(3, 3_000, "EVENT_TYPE_TOO_LONG", 1, 99, new ReplayProvenance(1, "user-events", 0, 11)));

        List<DeadLetterRecord> latest = DeadLetterSelection.latestPerEvent(letters);

        assertThat(latest).extracting(DeadLetterRecord::offset).containsExactly(1L, 3L);
    }

    @Test
    void sendsWhatIsBelowTheLimitSkipsTheRestAndCannotSendACutPayload() {
        ConsumerRecord<byte[], byte[]> cutRecord = DeadLetters.record(5, 1_000, "EVENT_TYPE_TOO_LONG", 0, 30, null,
                new byte[] {'{'});
        cutRecord.headers().add(new RecordHeader(DeadLetterHeaders.ORIGINAL_BYTES, "2000000".getBytes()));
        List<DeadLetterRecord> letters = List.of(
                letter(0, 1_000, "EVENT_TYPE_TOO_LONG", 0, 10, null),
                letter(1, 1_000, "EVENT_TYPE_TOO_LONG", 0, 20, null),
                letter(2, 2_000, "EVENT_TYPE_TOO_LONG", 0, 21, new ReplayProvenance(2, "user-events", 0, 20)),
                letter(3, 1_000, "MALFORMED_JSON", 0, 40, null),
                DeadLetterRecord.of(cutRecord));

        ReplayPlan twoAttempts = ReplayPlan.of(letters, TOO_LONG, 2);
        ReplayPlan threeAttempts = ReplayPlan.of(letters, TOO_LONG, 3);

        assertThat(twoAttempts.toSend()).extracting(l -> l.origin().offset()).containsExactly(10L);
        assertThat(twoAttempts.atLimit()).extracting(l -> l.origin().offset()).containsExactly(20L);
        assertThat(twoAttempts.cut()).extracting(l -> l.origin().offset()).containsExactly(30L);
        assertThat(twoAttempts.selected()).isEqualTo(3);
        assertThat(twoAttempts.toSendByReason()).containsExactly(java.util.Map.entry("EVENT_TYPE_TOO_LONG", 1L));
        assertThat(threeAttempts.toSend()).extracting(l -> l.origin().offset()).containsExactly(10L, 20L);
        assertThat(threeAttempts.atLimit()).isEmpty();
        assertThat(threeAttempts.deadLettersRead()).isEqualTo(5);
    }

    @Test
    void anEventRefusedOnReplayForAnotherReasonIsNoLongerChosenByTheFirst() {
        List<DeadLetterRecord> letters = List.of(
                letter(0, 1_000, "EVENT_TYPE_TOO_LONG", 0, 10, null),
                letter(1, 2_000, "TOO_MANY_METADATA_ENTRIES", 0, 50, new ReplayProvenance(1, "user-events", 0, 10)));

        assertThat(ReplayPlan.of(letters, TOO_LONG, 3).selected()).isZero();
        assertThat(ReplayPlan.of(letters, new DeadLetterSelection(Set.of("TOO_MANY_METADATA_ENTRIES"), Optional.empty(),
                Optional.empty()), 3).toSend()).singleElement().extracting(DeadLetterRecord::attempts).isEqualTo(1);
    }

    @Test
    void theTimeRangeIncludesSinceAndExcludesUntil() {
        DeadLetterSelection range = new DeadLetterSelection(Set.of(), Optional.of(Instant.ofEpochMilli(1_000)),
                Optional.of(Instant.ofEpochMilli(2_000)));

        assertThat(range.matches(letter(0, 999, "X", 0, 1, null))).isFalse();
        assertThat(range.matches(letter(0, 1_000, "X", 0, 1, null))).isTrue();
        assertThat(range.matches(letter(0, 1_999, "X", 0, 1, null))).isTrue();
        assertThat(range.matches(letter(0, 2_000, "X", 0, 1, null))).isFalse();
        assertThatThrownBy(() -> new DeadLetterSelection(Set.of(), Optional.of(Instant.ofEpochMilli(2)),
                Optional.of(Instant.ofEpochMilli(2)))).hasMessageContaining("is not before --until");
        assertThatThrownBy(() -> ReplayPlan.of(List.of(), TOO_LONG, 0)).hasMessageContaining("--max-attempts");
    }

    @Test
    void timesAreInstantsOrDurationsBeforeNow() {
        Instant now = Instant.parse("2025-11-25T12:00:00Z");

        assertThat(DeadLetterSelection.instant("--since", "2025-11-25T10:15:30.5Z", now))
                .isEqualTo(Instant.parse("2025-11-25T10:15:30.500Z"));
        assertThat(DeadLetterSelection.instant("--since", "2025-11-25T11:00:00+01:00", now))
                .isEqualTo(Instant.parse("2025-11-25T10:00:00Z"));
        assertThat(DeadLetterSelection.instant("--since", "2h", now)).isEqualTo(Instant.parse("2025-11-25T10:00:00Z"));
        assertThat(DeadLetterSelection.instant("--since", "30 min", now)).isEqualTo(Instant.parse("2025-11-25T11:30:00Z"));
        assertThat(DeadLetterSelection.instant("--until", "7 d", now)).isEqualTo(Instant.parse("2025-11-18T12:00:00Z"));
        assertThatThrownBy(() -> DeadLetterSelection.instant("--until", "yesterday", now))
                .hasMessageContaining("--until 'yesterday'");
    }
}
