package dev.eventpipeline.infra.generate;

import dev.eventpipeline.model.json.UserEventJsonCodec;
import dev.eventpipeline.transform.RawEventProcessor;
import dev.eventpipeline.transform.UserEventValidator;
import dev.eventpipeline.transform.ValidationLimits;
import java.time.Clock;

/** The job's own decode and validate path, configured with the same limits as a payload was made for. */
final class JobProcessor {

    private JobProcessor() {}

    static RawEventProcessor under(PayloadLimits limits, Clock clock) {
        var validation = ValidationLimits.builder()
                .maxEventTypeLength(limits.maxEventTypeLength())
                .maxMetadataEntries(limits.maxMetadataEntries())
                .maxMetadataKeyLength(limits.maxMetadataKeyLength())
                .maxMetadataValueBytes(limits.maxMetadataValueBytes())
                .maxRowBytes(limits.maxRowBytes())
                .maxFutureSkew(limits.maxFutureSkew());
        limits.maxAge().ifPresent(validation::maxAge);
        return new RawEventProcessor(UserEventJsonCodec.withMaxPayloadBytes(limits.maxPayloadBytes()),
                new UserEventValidator(validation.build(), clock));
    }
}
