package dev.eventpipeline.infra.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.model.Result;
import dev.eventpipeline.model.UserEventCassandraModel;
import dev.eventpipeline.transform.CassandraLimits;
import dev.eventpipeline.transform.RawEventProcessor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fixed payloads and the named corpus, checked in memory against the job's own processor under the
 * limits they are made for: each really is refused, and those with a reason of their own for that reason.
 * (The recipes the generator uses are checked in {@link EventGeneratorTest}.)
 */
class HostilePayloadsTest {

    private static final int MAX_ROW_BYTES = HostilePayloads.CORPUS_LIMITS.maxRowBytes();

    private static RawEventProcessor corpusJob() {
        return JobProcessor.under(HostilePayloads.CORPUS_LIMITS, Clock.systemUTC());
    }

    @Test
    void holdsMoreThanAThousandPayloadsAndTheJobsProcessorRefusesEveryOne() {
        Map<String, byte[]> corpus = HostilePayloads.corpus(7);
        RawEventProcessor processor = corpusJob();

        List<String> accepted = new ArrayList<>();
        corpus.forEach((name, payload) -> {
            Result<UserEventCassandraModel> result = processor.process(payload);
            if (result.isAccepted()) {
                accepted.add(name);
            } else {
                assertThat(result.rejection().reason()).as(name).isNotEqualTo(RejectReason.WRITE_REJECTED);
            }
        });

        assertThat(corpus.size()).isGreaterThanOrEqualTo(1_000);
        assertThat(accepted).as("payloads that would become rows").isEmpty();
        assertThat(corpus.values().stream().filter(p -> p != null && p.length >= HostilePayloads.ONE_MIB).count())
                .isGreaterThanOrEqualTo(2);
        assertThat(corpus.keySet()).as("the same seed, the same corpus").containsExactlyElementsOf(
                HostilePayloads.corpus(7).keySet());
    }

    @Test
    void payloadsOverCassandrasLimitsAreRefusedForTheirOwnReason() {
        Map<String, byte[]> corpus = HostilePayloads.corpus(7);
        RawEventProcessor processor = corpusJob();
        Map<String, RejectReason> expected = new LinkedHashMap<>();
        expected.put("event_type-70000-spaces-and-a-letter", RejectReason.EVENT_TYPE_TOO_LONG);
        expected.put("event_type-65536-bytes-of-padding", RejectReason.EVENT_TYPE_TOO_LONG);
        expected.put("event_type-three-byte-chars-over-65535-bytes", RejectReason.EVENT_TYPE_TOO_LONG);
        expected.put("event_type-four-byte-chars-over-65535-bytes", RejectReason.EVENT_TYPE_TOO_LONG);
        expected.put("event_type-escaped-three-byte-chars-over-65535-bytes", RejectReason.EVENT_TYPE_TOO_LONG);
        expected.put("row-one-byte-over-max-row-bytes", RejectReason.ROW_TOO_LARGE);
        expected.put("row-over-max-row-bytes", RejectReason.ROW_TOO_LARGE);
        expected.put("row-over-max-row-bytes-in-three-byte-chars", RejectReason.ROW_TOO_LARGE);

        expected.forEach((name, reason) -> {
            assertThat(corpus).as(name).containsKey(name);
            Result<UserEventCassandraModel> result = processor.process(corpus.get(name));
            assertThat(result.isAccepted()).as(name).isFalse();
            assertThat(result.rejection().reason()).as(name + ": " + result.rejection()).isEqualTo(reason);
        });
        assertThat(processor.process(corpus.get("row-one-byte-over-max-row-bytes")).rejection().message())
                .contains("the row is " + (MAX_ROW_BYTES + 1) + " bytes", "the limit is " + MAX_ROW_BYTES);
    }

    @Test
    void theRowsAreBuiltToTheByteAndOneByteLessIsARow() {
        RawEventProcessor processor = corpusJob();

        UserEventCassandraModel atLimit = processor.process(HostilePayloads.rowOfBytes(MAX_ROW_BYTES, "x")).value();
        assertThat(CassandraLimits.rowBytes(atLimit)).isEqualTo(MAX_ROW_BYTES);
        UserEventCassandraModel cjk = processor.process(
                HostilePayloads.rowOfBytes(MAX_ROW_BYTES - 3 * 100, "\u4e2d")).value();
        assertThat(CassandraLimits.rowBytes(cjk)).isEqualTo(MAX_ROW_BYTES - 300);
        assertThat(MAX_ROW_BYTES).isEqualTo(64 * 1024);
        assertThat(HostilePayloads.CORPUS_LIMITS.maxPayloadBytes()).isEqualTo(HostilePayloads.ONE_MIB);
        assertThat(HostilePayloads.CORPUS_LIMITS.reachableReasons()).contains(RejectReason.ROW_TOO_LARGE);
    }

    @Test
    void oneOfEachReasonIsRefusedForThatReasonUnderItsLimits() {
        RawEventProcessor processor = JobProcessor.under(HostilePayloads.ONE_OF_EACH_REASON_LIMITS, Clock.systemUTC());
        Map<RejectReason, byte[]> payloads = HostilePayloads.oneOfEachReason();

        payloads.forEach((reason, payload) -> {
            Result<UserEventCassandraModel> result = processor.process(payload);
            assertThat(result.isAccepted()).as(reason.name()).isFalse();
            assertThat(result.rejection().reason()).as(result.rejection().toString()).isEqualTo(reason);
        });
        assertThat(payloads.keySet()).isEqualTo(HostilePayloads.ONE_OF_EACH_REASON_LIMITS.reachableReasons());
        // No payload under these limits reaches ROW_TOO_LARGE, and none at all WRITE_REJECTED.
        assertThat(EnumSet.complementOf(EnumSet.copyOf(payloads.keySet())))
                .containsExactlyInAnyOrder(RejectReason.ROW_TOO_LARGE, RejectReason.WRITE_REJECTED);
        assertThat(payloads.get(RejectReason.TOO_LARGE).length)
                .isGreaterThan(HostilePayloads.ONE_OF_EACH_REASON_LIMITS.maxPayloadBytes());
    }
}
