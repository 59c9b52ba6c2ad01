package dev.eventpipeline.model.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.model.Result;
import dev.eventpipeline.model.UserEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Feeds random and mutated payloads to the codec and checks that every one yields a result, never
 * an exception, and that whatever is accepted survives a canonical round trip unchanged.
 */
class UserEventJsonCodecFuzzTest {

    private static final int INPUTS = 120_000;
    private static final String[] SEEDS = {
        "{\"user_id\":\"589e4567-e89b-12d3-a456-426614174000\",\"event_type\":\"LOGIN\","
            + "\"event_time\":1764065730123,\"event_id\":\"7d2f1c9e-3b4a-4f6d-9e8c-1a2b3c4d5e6f\","
            + "\"metadata\":{\"source\":\"web\",\"session_id\":\"s-1\"}}",
        "{\"user_id\":\"589e4567-e89b-12d3-a456-426614174000\",\"event_type\":\"purchase\","
            + "\"event_time\":\"2025-11-25T23:59:59.999999+14:00\",\"event_id\":\"7d2f1c9e-3b4a-4f6d-9e8c-1a2b3c4d5e6f\","
            + "\"metadata\":{\"amount\":12.5,\"items\":[1,2,{\"sku\":\"a\"}],\"gift\":false,\"note\":null}}",
        "{\"event_id\":\"7d2f1c9e-3b4a-4f6d-9e8c-1a2b3c4d5e6f\",\"x\":[[],{}],\"event_time\":\"1970-01-01T00:00:00Z\","
            + "\"user_id\":\"589E4567-E89B-12D3-A456-426614174000\",\"event_type\":\"\\u00e9v\\n\"}",
    };
    private static final String[] TOKENS = {
        "{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "-0", "1e999", "99999999999999999999999999",
        "\"user_id\"", "\"event_time\"", "\"metadata\"", "\u0000", "\ud800", "\uffff", " ", "\n",
    };

    private final UserEventJsonCodec codec = UserEventJsonCodec.create();

    @Test
    void everyInputYieldsAResultAndAcceptedEventsRoundTrip() {
        SplittableRandom random = new SplittableRandom(42);
        int accepted = 0;
        for (int i = 0; i < INPUTS; i++) {
            byte[] input = nextInput(random, i);
            Result<UserEvent> result = codec.decode(input);

            assertThat(result).as("input #%d", i).isNotNull();
            if (result.isAccepted()) {
                accepted++;
                assertThat(codec.decode(codec.encode(result.value())).value()).isEqualTo(result.value());
            } else {
                assertThat(result.rejection().reason()).isNotNull();
                assertThat(result.rejection().message()).isNotBlank();
            }
        }
        // The mutations are meant to hit both sides; all-rejected would mean the seeds are broken.
        assertThat(accepted).isBetween(1_000, INPUTS - 10_000);
    }

    @Test
    void hugeAndDeepInputsAreRejectedNotThrown() {
        List<byte[]> inputs = new ArrayList<>();
        String big = "x".repeat(1024 * 1024);
        inputs.add(big.getBytes(UTF_8));
        inputs.add(("{\"user_id\":\"" + big + "\"}").getBytes(UTF_8));
        inputs.add(("{\"metadata\":{\"k\":\"" + big.substring(100) + "\"}}").getBytes(UTF_8));
        inputs.add(("[".repeat(500_000) + "]".repeat(500_000)).getBytes(UTF_8));
        inputs.add(("{\"metadata\":" + "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_001)).getBytes(UTF_8));
        inputs.add(("{\"event_time\":" + "9".repeat(100_000) + "}").getBytes(UTF_8));
        byte[] noise = new byte[1024 * 1024];
        new SplittableRandom(7).nextBytes(noise);
        inputs.add(noise);

        for (byte[] input : inputs) {
            Result<UserEvent> result = codec.decode(input);

            assertThat(result.isAccepted()).isFalse();
        }
    }

    private static byte[] nextInput(SplittableRandom random, int i) {
        byte[] seed = SEEDS[i % SEEDS.length].getBytes(UTF_8);
        return switch (random.nextInt(7)) {
            case 0 -> Arrays.copyOf(seed, random.nextInt(seed.length + 1)); // truncation
            case 1 -> flipBytes(seed, random);
            case 2 -> spliceToken(seed, random);
            case 3 -> randomBytes(random);
            case 4 -> nonUtf8(seed, random);
            case 5 -> seed; // must stay accepted
            default -> deleteRange(seed, random);
        };
    }

    private static byte[] flipBytes(byte[] seed, SplittableRandom random) {
        byte[] out = seed.clone();
        int flips = 1 + random.nextInt(3);
        for (int f = 0; f < flips; f++) {
            out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
    }

    private static byte[] spliceToken(byte[] seed, SplittableRandom random) {
        String text = new String(seed, UTF_8);
        int at = random.nextInt(text.length() + 1);
        return (text.substring(0, at) + TOKENS[random.nextInt(TOKENS.length)] + text.substring(at)).getBytes(UTF_8);
    }

    private static byte[] randomBytes(SplittableRandom random) {
        byte[] out = new byte[random.nextInt(512)];
        random.nextBytes(out);
        return out;
    }

    private static byte[] nonUtf8(byte[] seed, SplittableRandom random) {
        byte[] out = seed.clone();
        byte[] invalid = {(byte) 0xC0, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xF8};
        out[random.nextInt(out.length)] = invalid[random.nextInt(invalid.length)];
        return out;
    }

    private static byte[] deleteRange(byte[] seed, SplittableRandom random) {
        int from = random.nextInt(seed.length);
        int to = Math.min(seed.length, from + 1 + random.nextInt(16));
        byte[] out = new byte[seed.length - (to - from)];
        System.arraycopy(seed, 0, out, 0, from);
        System.arraycopy(seed, to, out, from, seed.length - to);
        return out;
    }
}
