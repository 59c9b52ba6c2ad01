package dev.eventpipeline.connectors.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The job's text encoders write exactly the driver's bytes, and refuse what the driver refuses. */
class Utf8TextCodecsTest {

    private static final ProtocolVersion V5 = ProtocolVersion.V5;
    private static final TypeCodec<Map<String, String>> DRIVER_MAP = TypeCodecs.mapOf(TypeCodecs.TEXT, TypeCodecs.TEXT);

    @ParameterizedTest
    @ValueSource(strings = {"", "page_view", "é", "ünïcødé text", "€ and ₿", "\uD83D\uDE00 emoji", "日本語", "\u007F\u0080\u07FF\u0800\uFFFF"})
    void textIsTheDriversBytes(String value) {
        assertThat(bytes(Utf8TextCodecs.TEXT.encode(value, V5))).isEqualTo(bytes(TypeCodecs.TEXT.encode(value, V5)));
        assertThat(Utf8TextCodecs.TEXT.decode(Utf8TextCodecs.TEXT.encode(value, V5), V5)).isEqualTo(value);
    }

    @Test
    void aMapIsTheDriversBytesInItsIterationOrder() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("page", "/checkout");
        metadata.put("", "");
        metadata.put("città", "Zürich \uD83C\uDDE8\uD83C\uDDED");
        metadata.put("referrer", "https://example.org/?q=日本");

        assertThat(bytes(Utf8TextCodecs.TEXT_MAP.encode(metadata, V5))).isEqualTo(bytes(DRIVER_MAP.encode(metadata, V5)));
        assertThat(Utf8TextCodecs.TEXT_MAP.decode(Utf8TextCodecs.TEXT_MAP.encode(metadata, V5), V5))
                .containsExactlyEntriesOf(metadata);
        assertThat(bytes(Utf8TextCodecs.TEXT_MAP.encode(Map.of(), V5))).isEqualTo(bytes(DRIVER_MAP.encode(Map.of(), V5)));
        assertThat(Utf8TextCodecs.TEXT_MAP.encode(null, V5)).isNull();
    }

    @Test
    void randomTextOfEveryPlaneIsTheDriversBytes() {
        Random random = new Random(7);
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                int codePoint;
                do {
                    codePoint = switch (random.nextInt(4)) {
                        case 0 -> random.nextInt(0x80);
                        case 1 -> 0x80 + random.nextInt(0x800 - 0x80);
                        case 2 -> 0x800 + random.nextInt(0x10000 - 0x800);
                        default -> 0x10000 + random.nextInt(0x110000 - 0x10000);
                    };
                } while (Character.isSurrogate((char) codePoint) && codePoint < 0x10000);
                text.appendCodePoint(codePoint);
            }
            Map<String, String> map = Map.of("k" + text, text.toString());
            assertThat(bytes(Utf8TextCodecs.TEXT.encode(text.toString(), V5)))
                    .isEqualTo(bytes(TypeCodecs.TEXT.encode(text.toString(), V5)));
            assertThat(bytes(Utf8TextCodecs.TEXT_MAP.encode(map, V5))).isEqualTo(bytes(DRIVER_MAP.encode(map, V5)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800", "a\uDC00b", "end \uD83D", "\uDE00\uD83D"})
    void anUnpairedSurrogateIsRefusedAsTheDriverRefusesIt(String value) {
        assertThatThrownBy(() -> TypeCodecs.TEXT.encode(value, V5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Utf8TextCodecs.TEXT.encode(value, V5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> Utf8TextCodecs.TEXT_MAP.encode(Map.of("key", value), V5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
