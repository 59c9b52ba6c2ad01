package dev.eventpipeline.connectors.cassandra;

import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import dev.eventpipeline.transform.CassandraLimits;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Encoders for {@code text} and {@code map<text, text>} that write each value straight into one buffer. The
 * driver's own go through a {@code CharsetEncoder} per string (a {@code CharBuffer}, a {@code ByteBuffer} and its
 * array each, and a copy per map entry): in the job's profile that was the largest allocation of all and 12% of
 * the task thread (docs/benchmarks.md). Same bytes as the driver's, and as strict: an unpaired surrogate is refused.
 * Decoding is the driver's.
 */
final class Utf8TextCodecs {

    static final TypeCodec<String> TEXT = new Text();
    static final TypeCodec<Map<String, String>> TEXT_MAP = new TextMap();

    private Utf8TextCodecs() {}

    /** UTF-8 bytes of {@code s} (well-formed text; {@link #write} refuses the rest). */
    static int encodedLength(String s) {
        return (int) CassandraLimits.utf8Length(s);
    }

    /**
     * Writes {@code s} (of {@code encodedLength} bytes) at {@code at}; returns the next position. All-ASCII text
     * (as long as its UTF-8) is copied as it is; an unpaired surrogate, which the driver's encoder refuses, is refused.
     */
    static int write(String s, int encodedLength, byte[] out, int at) {
        int length = s.length();
        if (encodedLength == length) { // all ASCII
            for (int i = 0; i < length; i++) {
                out[at++] = (byte) s.charAt(i);
            }
            return at;
        }
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[at++] = (byte) c;
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | (c >> 6));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == length || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw new IllegalArgumentException("unpaired surrogate at index " + i + " of a text value");
                }
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[at++] = (byte) (0xF0 | (cp >> 18));
                out[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                out[at++] = (byte) (0xE0 | (c >> 12));
                out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return at;
    }

    private static void putInt(byte[] out, int at, int value) {
        out[at] = (byte) (value >>> 24);
        out[at + 1] = (byte) (value >>> 16);
        out[at + 2] = (byte) (value >>> 8);
        out[at + 3] = (byte) value;
    }

    private static final class Text implements TypeCodec<String> {
        @Override
        public GenericType<String> getJavaType() {
            return GenericType.STRING;
        }

        @Override
        public DataType getCqlType() {
            return DataTypes.TEXT;
        }

        @Override
        public ByteBuffer encode(String value, ProtocolVersion protocolVersion) {
            if (value == null) {
                return null;
            }
            int length = encodedLength(value);
            byte[] out = new byte[length];
            write(value, length, out, 0);
            return ByteBuffer.wrap(out);
        }

        @Override
        public String decode(ByteBuffer bytes, ProtocolVersion protocolVersion) {
            return TypeCodecs.TEXT.decode(bytes, protocolVersion);
        }

        @Override
        public String format(String value) {
            return TypeCodecs.TEXT.format(value);
        }

        @Override
        public String parse(String value) {
            return TypeCodecs.TEXT.parse(value);
        }
    }

    /** The native protocol's map: an int count, then each key and value as an int length and its bytes. */
    private static final class TextMap implements TypeCodec<Map<String, String>> {
        private static final TypeCodec<Map<String, String>> DRIVER = TypeCodecs.mapOf(TypeCodecs.TEXT, TypeCodecs.TEXT);

        @Override
        public GenericType<Map<String, String>> getJavaType() {
            return GenericType.mapOf(GenericType.STRING, GenericType.STRING);
        }

        @Override
        public DataType getCqlType() {
            return DataTypes.mapOf(DataTypes.TEXT, DataTypes.TEXT);
        }

        @Override
        public ByteBuffer encode(Map<String, String> value, ProtocolVersion protocolVersion) {
            if (value == null) {
                return null;
            }
            // One pass measures every string and keeps it, so the write needs no second iteration; forEach rather than
            // entrySet, which on an unmodifiable map wraps every entry (the profile of 2026-12-07).
            MeasuredEntries entries = new MeasuredEntries(value.size());
            value.forEach(entries);
            byte[] out = new byte[entries.total];
            putInt(out, 0, value.size());
            int at = 4;
            for (int i = 0; i < entries.strings.length; i++) {
                putInt(out, at, entries.lengths[i]);
                at = write(entries.strings[i], entries.lengths[i], out, at + 4);
            }
            return ByteBuffer.wrap(out);
        }

        /** Keys and values in iteration order, each with its UTF-8 length, and the encoded map's size. */
        private static final class MeasuredEntries implements BiConsumer<String, String> {
            final String[] strings;
            final int[] lengths;
            int total = 4;
            private int n;

            MeasuredEntries(int size) {
                strings = new String[2 * size];
                lengths = new int[2 * size];
            }

            @Override
            public void accept(String key, String value) {
                add(requireElement(key));
                add(requireElement(value));
            }

            private void add(String s) {
                strings[n] = s;
                lengths[n] = encodedLength(s);
                total += 4 + lengths[n];
                n++;
            }
        }

        private static String requireElement(String element) {
            if (element == null) {
                throw new NullPointerException("Collection elements cannot be null");
            }
            return element;
        }

        @Override
        public Map<String, String> decode(ByteBuffer bytes, ProtocolVersion protocolVersion) {
            return DRIVER.decode(bytes, protocolVersion);
        }

        @Override
        public String format(Map<String, String> value) {
            return DRIVER.format(value);
        }

        @Override
        public Map<String, String> parse(String value) {
            return DRIVER.parse(value);
        }
    }
}
