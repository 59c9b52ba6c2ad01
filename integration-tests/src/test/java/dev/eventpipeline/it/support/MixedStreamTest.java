package dev.eventpipeline.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.infra.generate.HostilePayloads;
import dev.eventpipeline.job.config.PipelineConfig;
import dev.eventpipeline.job.testing.TestPipelines;
import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.model.Result;
import dev.eventpipeline.model.UserEventCassandraModel;
import dev.eventpipeline.model.json.UserEventJsonCodec;
import dev.eventpipeline.transform.RawEventProcessor;
import dev.eventpipeline.transform.UserEventValidator;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stream itself, checked in memory against the job's processor with the test job's validation settings. */
class MixedStreamTest {

    @Test
    void everyInvalidRecordIsRefusedForItsReasonAndEveryValidOneIsItsRow() {
        PipelineConfig config = TestPipelines.config(
                HostilePayloads.ONE_OF_EACH_REASON_LIMITS.jobArguments().toArray(String[]::new));
        RawEventProcessor processor = new RawEventProcessor(
                UserEventJsonCodec.withMaxPayloadBytes(config.job().maxPayloadBytes()),
                new UserEventValidator(config.validation(), Clock.systemUTC()));
        MixedStream stream = MixedStream.of(500, 3, 10, 5);

        assertThat(stream.expectedDeadLetters).hasSize(3 * MixedStream.REASONS.size());
        for (Map.Entry<ByteBuffer, RejectReason> letter : stream.expectedDeadLetters.entrySet()) {
            byte[] payload = new byte[letter.getKey().remaining()];
            letter.getKey().duplicate().get(payload);
            Result<UserEventCassandraModel> result = processor.process(payload);
            assertThat(result.isAccepted()).as(letter.getValue().name()).isFalse();
            assertThat(result.rejection().reason()).as(result.rejection().toString()).isEqualTo(letter.getValue());
        }
        assertThat(stream.validEvents).allSatisfy(event -> assertThat(processor.process(
                UserEventJsonCodec.create().encode(event)).value()).isIn(stream.expectedRows));
    }

    @Test
    void everyReasonIsInTheStreamUnlessNoPayloadCanReachIt() {
        Set<RejectReason> unreachable = EnumSet.allOf(RejectReason.class);
        unreachable.removeAll(HostilePayloads.ONE_OF_EACH_REASON_LIMITS.reachableReasons());
        Set<RejectReason> all = EnumSet.copyOf(MixedStream.REASONS);
        all.addAll(unreachable);

        assertThat(all).containsExactlyInAnyOrder(RejectReason.values());
        assertThat(MixedStream.REASONS).doesNotContainAnyElementsOf(unreachable)
                .doesNotContain(RejectReason.WRITE_REJECTED);
        assertThat(unreachable).containsExactlyInAnyOrder(RejectReason.ROW_TOO_LARGE, RejectReason.WRITE_REJECTED);
    }
}
