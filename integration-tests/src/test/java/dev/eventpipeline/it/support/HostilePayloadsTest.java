package dev.eventpipeline.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.job.config.PipelineConfig;
import dev.eventpipeline.job.testing.TestPipelines;
import dev.eventpipeline.model.Result;
import dev.eventpipeline.model.UserEventCassandraModel;
import dev.eventpipeline.model.json.UserEventJsonCodec;
import dev.eventpipeline.transform.RawEventProcessor;
import dev.eventpipeline.transform.UserEventValidator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The corpus itself, checked in memory against the job's own processor: each entry really is refused. */
class HostilePayloadsTest {

    @Test
    void holdsMoreThanAThousandPayloadsAndTheJobsProcessorRefusesEveryOne() {
        Map<String, byte[]> corpus = HostilePayloads.corpus(7);
        PipelineConfig config = TestPipelines.config(PoisonCorpusArguments.VALIDATION);
        RawEventProcessor processor = new RawEventProcessor(
                UserEventJsonCodec.withMaxPayloadBytes(config.job().maxPayloadBytes()),
                new UserEventValidator(config.validation(), Clock.systemUTC()));

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
}
