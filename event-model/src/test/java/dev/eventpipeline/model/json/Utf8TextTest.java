package dev.eventpipeline.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Utf8TextTest {

    /** The JDK's strict decoder is the reference; NUL is refused on top of it. */
    private static boolean wellFormed(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void agreesWithTheJdksStrictDecoderOnRandomBytes() {
        SplittableRandom random = new SplittableRandom(8);
        String sample = "ascii \u00e9 \u4e2d \ud83d\ude00 \u07ff \uffff \ud800\udc00 \udbff\udfff";
        byte[] valid = sample.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes;
            if (i % 2 == 0) {
                bytes = new byte[random.nextInt(12)];
                random.nextBytes(bytes);
            } else {
                bytes = valid.clone();
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }

            assertThat(Utf8Text.firstInvalidByte(bytes) < 0).as("%s", java.util.HexFormat.of().formatHex(bytes))
                    .isEqualTo(wellFormed(bytes));
        }
        assertThat(Utf8Text.firstInvalidByte(valid)).isEqualTo(-1);
    }

    @Test
    void pointsAtTheFirstBadByte() {
        assertThat(Utf8Text.firstInvalidByte(new byte[] {'a', 'b', (byte) 0xC0, (byte) 0xAF})).isEqualTo(2);
        assertThat(Utf8Text.firstInvalidByte(new byte[] {'a', 0, 'b'})).isEqualTo(1);
        assertThat(Utf8Text.firstInvalidByte(new byte[] {'a', (byte) 0xE2, (byte) 0x82})).isEqualTo(1);
    }

    @Test
    void findsUnpairedSurrogates() {
        assertThat(Utf8Text.hasUnpairedSurrogate("plain")).isFalse();
        assertThat(Utf8Text.hasUnpairedSurrogate("\ud83d\ude00")).isFalse();
        assertThat(Utf8Text.hasUnpairedSurrogate("a\ud83d")).isTrue();
        assertThat(Utf8Text.hasUnpairedSurrogate("\ude00a")).isTrue();
        assertThat(Utf8Text.hasUnpairedSurrogate("\ud83d\ud83d\ude00")).isTrue();
    }
}
