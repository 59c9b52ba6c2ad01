package dev.eventpipeline.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.job.config.PipelineConfig;
import dev.eventpipeline.job.testing.TestPipelines;
import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.model.Result;
import dev.eventpipeline.model.UserEventCassandraModel;
import dev.eventpipeline.model.json.UserEventJsonCodec;
import dev.eventpipeline.transform.CassandraLimits;
import dev.eventpipeline.transform.RawEventProcessor;
import dev.eventpipeline.transform.UserEventValidator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The corpus itself, checked in memory against the job's own processor: each entry really is refused. */
class HostilePayloadsTest {

    private static RawEventProcessor jobsProcessor() {
        PipelineConfig config = TestPipelines.config(PoisonCorpusArguments.VALIDATION);
        return new RawEventProcessor(UserEventJsonCodec.withMaxPayloadBytes(config.job().maxPayloadBytes()),
                new UserEventValidator(config.validation(), Clock.systemUTC()));
    }

    @Test
    void holdsMoreThanAThousandPayloadsAndTheJobsProcessorRefusesEveryOne() {
        Map<String, byte[]> corpus = HostilePayloads.corpus(7);
        RawEventProcessor processor = jobsProcessor();

        List<String> accepted = new ArrayList<>();
        corpus.forEach((name, payload) -> {
            Result<UserEventCassandraModel> result = processor.process(payload);
            if (result.isAccepted()) {
                accepted.add(name);
            }
        });

        assertThat(corpus.size()).isGreaterThanOrEqualTo(1_000);
        assertThat(accepted).as("payloads that would become rows").isEmpty();
        assertThat(corpus.values().stream().filter(p -> p != null && p.length >= HostilePayloads.ONE_MIB).count())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void payloadsOverCassandrasLimitsAreRefusedForTheirOwnReason() {
        Map<String, byte[]> corpus = HostilePayloads.corpus(7);
        RawEventProcessor processor = jobsProcessor();
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
                .contains("the row is " + (PoisonCorpusArguments.MAX_ROW_BYTES + 1) + " bytes",
                        "the limit is " + PoisonCorpusArguments.MAX_ROW_BYTES);
    }

    @Test
    void theRowsAreBuiltToTheByteAndOneByteLessIsARow() {
        RawEventProcessor processor = jobsProcessor();

        UserEventCassandraModel atLimit = processor.process(
                HostilePayloads.rowOfBytes(PoisonCorpusArguments.MAX_ROW_BYTES, "x")).value();
        assertThat(CassandraLimits.rowBytes(atLimit)).isEqualTo(PoisonCorpusArguments.MAX_ROW_BYTES);
        UserEventCassandraModel cjk = processor.process(
                HostilePayloads.rowOfBytes(PoisonCorpusArguments.MAX_ROW_BYTES - 3 * 100, "\u4e2d")).value();
        assertThat(CassandraLimits.rowBytes(cjk)).isEqualTo(PoisonCorpusArguments.MAX_ROW_BYTES - 300);
        assertThat(TestPipelines.config(PoisonCorpusArguments.VALIDATION).validation().maxRowBytes())
                .isEqualTo(PoisonCorpusArguments.MAX_ROW_BYTES);
    }
}
