package dev.eventpipeline.job.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.infra.generate.HostilePayloads;
import dev.eventpipeline.infra.generate.PayloadLimits;
import dev.eventpipeline.job.testing.TestPipelines;
import dev.eventpipeline.transform.ValidationLimits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generator's limits, given to the job as arguments, are the job's limits: the hostile payloads made
 * for them meet their intended fate in the job.
 */
class GeneratorLimitsArgumentsTest {

    @Test
    void theTestJobRunsWithTheLimitsTheFixedPayloadsAreMadeFor() {
        PayloadLimits limits = HostilePayloads.ONE_OF_EACH_REASON_LIMITS;

        assertAgree(limits, TestPipelines.config(limits.jobArguments().toArray(String[]::new)));
    }

    @Test
    void theCorpusLimitsOverrideTheTestJobsAsThePoisonScenarioGivesThem() {
        List<String> arguments = new ArrayList<>(HostilePayloads.ONE_OF_EACH_REASON_LIMITS.jobArguments());
        arguments.addAll(HostilePayloads.CORPUS_LIMITS.allJobArguments());
        PipelineConfig config = TestPipelines.config(arguments.toArray(String[]::new));

        assertAgree(HostilePayloads.CORPUS_LIMITS, config);
        assertThat(config.validation().maxRowBytes()).isEqualTo(64 * 1024);
        assertThat(config.job().maxPayloadBytes()).isEqualTo(HostilePayloads.ONE_MIB);
    }

    private static void assertAgree(PayloadLimits limits, PipelineConfig config) {
        ValidationLimits validation = config.validation();
        assertThat(config.job().maxPayloadBytes()).isEqualTo(limits.maxPayloadBytes());
        assertThat(validation.maxEventTypeLength()).isEqualTo(limits.maxEventTypeLength());
        assertThat(validation.maxMetadataEntries()).isEqualTo(limits.maxMetadataEntries());
        assertThat(validation.maxMetadataKeyLength()).isEqualTo(limits.maxMetadataKeyLength());
        assertThat(validation.maxMetadataValueBytes()).isEqualTo(limits.maxMetadataValueBytes());
        assertThat(validation.maxRowBytes()).isEqualTo(limits.maxRowBytes());
        assertThat(validation.maxFutureSkew()).isEqualTo(limits.maxFutureSkew());
        assertThat(validation.maxAge()).isEqualTo(limits.maxAge());
    }
}
