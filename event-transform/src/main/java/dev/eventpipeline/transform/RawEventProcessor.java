package dev.eventpipeline.transform;

import dev.eventpipeline.model.Result;
import dev.eventpipeline.model.UserEventCassandraModel;
import dev.eventpipeline.model.json.UserEventJsonCodec;

/**
 * The whole per-record path from payload bytes to a row: decode, validate, map. Never throws;
 * a rejection says which step refused the payload and why.
 */
public final class RawEventProcessor {

    private final UserEventJsonCodec codec;
    private final UserEventValidator validator;

    public RawEventProcessor(UserEventJsonCodec codec, UserEventValidator validator) {
        this.codec = codec;
        this.validator = validator;
    }

    public Result<UserEventCassandraModel> process(byte[] payload) {
        return codec.decode(payload).flatMap(validator::validate).map(UserEventMapper::toRow);
    }
}
