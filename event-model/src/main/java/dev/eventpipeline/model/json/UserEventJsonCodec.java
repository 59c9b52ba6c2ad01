package dev.eventpipeline.model.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.model.Result;
import dev.eventpipeline.model.UserEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The wire format of {@link UserEvent}: JSON with the names {@code user_id}, {@code event_type},
 * {@code event_time}, {@code event_id} and {@code metadata}.
 *
 * <p>Decoding is tolerant where real producers differ and strict where data would be lost:
 * {@code event_time} may be an ISO-8601 instant (any offset, any sub-second precision) or epoch
 * milliseconds; metadata numbers, booleans and nested values become their JSON text and nulls are
 * dropped; unknown fields are ignored. Only well-formed UTF-8 is read, and text must not hold
 * unpaired surrogates, so what is stored is what was sent. It never throws: every input yields an event or a
 * {@link dev.eventpipeline.model.Rejection} naming the field. Encoding writes the canonical form,
 * with {@code event_time} as an ISO-8601 UTC instant.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class UserEventJsonCodec {

    /** Kafka's default maximum message size; a larger event is refused before parsing. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

    /** Nested metadata values deeper than this are refused rather than walked. */
    public static final int MAX_NESTING_DEPTH = 32;

    private static final UserEventJsonCodec DEFAULT = new UserEventJsonCodec(DEFAULT_MAX_PAYLOAD_BYTES);

    private final JsonFactory factory;
    private final int maxPayloadBytes;

    private UserEventJsonCodec(int maxPayloadBytes) {
        if (maxPayloadBytes < 1) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive: " + maxPayloadBytes);
        }
        this.maxPayloadBytes = maxPayloadBytes;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(100)
                        .maxStringLength(maxPayloadBytes)
                        .build())
                .build();
    }

    /** The codec with the default limits. */
    public static UserEventJsonCodec create() {
        return DEFAULT;
    }

    /** A codec that refuses payloads larger than {@code maxPayloadBytes} as {@code TOO_LARGE}. */
    public static UserEventJsonCodec withMaxPayloadBytes(int maxPayloadBytes) {
        return new UserEventJsonCodec(maxPayloadBytes);
    }

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /** Decodes one payload; never throws, whatever the bytes. */
    public Result<UserEvent> decode(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return Result.rejected(RejectReason.EMPTY_PAYLOAD, "payload is empty");
        }
        if (payload.length > maxPayloadBytes) {
            return Result.rejected(RejectReason.TOO_LARGE,
                    "payload is " + payload.length + " bytes, the limit is " + maxPayloadBytes);
        }
        int invalidByte = Utf8Text.firstInvalidByte(payload);
        if (invalidByte >= 0) {
            return Result.rejected(RejectReason.INVALID_ENCODING, "payload is not UTF-8 JSON text: byte 0x"
                    + Integer.toHexString(payload[invalidByte] & 0xFF) + " at offset " + invalidByte);
        }
        try (JsonParser parser = factory.createParser(payload)) {
            return new UserEventReader(parser, factory).read();
        } catch (StreamConstraintsException e) {
            return Result.rejected(RejectReason.TOO_LARGE, "payload exceeds a parser limit: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            return Result.rejected(RejectReason.MALFORMED_JSON, "not valid JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException | RuntimeException e) {
            // The parser reads a byte array; anything else it throws still means unreadable input.
            return Result.rejected(RejectReason.MALFORMED_JSON, "unreadable payload: " + e);
        }
    }

    /** Writes the canonical JSON form in UTF-8. */
    public byte[] encode(UserEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator gen = factory.createGenerator(out, JsonEncoding.UTF8)) {
            gen.writeStartObject();
            gen.writeStringField(JsonFields.USER_ID, event.userId().toString());
            gen.writeStringField(JsonFields.EVENT_TYPE, event.eventType());
            gen.writeStringField(JsonFields.EVENT_TIME, DateTimeFormatter.ISO_INSTANT.format(event.eventTime()));
            gen.writeStringField(JsonFields.EVENT_ID, event.eventId().toString());
            gen.writeObjectFieldStart(JsonFields.METADATA);
            for (Map.Entry<String, String> entry : event.metadata().entrySet()) {
                gen.writeStringField(entry.getKey(), entry.getValue());
            }
            gen.writeEndObject();
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
