package dev.eventpipeline.model.json;

/**
 * Strict UTF-8 checks. Jackson guesses the encoding of a byte array (it accepts UTF-16 and UTF-32)
 * and tolerates overlong forms and encoded surrogates; Cassandra TEXT holds only well-formed UTF-8,
 * so anything else would be stored altered. Checked without exceptions, ASCII first.
 */
final class Utf8Text {

    private Utf8Text() {}

    /**
     * The offset of the first byte that is not well-formed UTF-8 (or a NUL, which JSON text never
     * contains raw and which signals UTF-16/32), or -1 if all of {@code bytes} is well formed.
     */
    static int firstInvalidByte(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b = bytes[i];
            if (b > 0) {
                i++;
                continue;
            }
            if (b == 0) {
                return i;
            }
            int lead = b & 0xFF;
            int length;
            int min = 0x80;
            int max = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                length = 2;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                length = 3;
                if (lead == 0xE0) {
                    min = 0xA0; // overlong
                } else if (lead == 0xED) {
                    max = 0x9F; // UTF-16 surrogates
                }
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                length = 4;
                if (lead == 0xF0) {
                    min = 0x90; // overlong
                } else if (lead == 0xF4) {
                    max = 0x8F; // beyond U+10FFFF
                }
            } else {
                return i; // a continuation byte, C0/C1 (overlong) or F5..FF
            }
            if (i + length > n) {
                return i;
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < min || second > max) {
                return i;
            }
            for (int k = 2; k < length; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += length;
        }
        return -1;
    }

    /** Whether {@code text} has a surrogate without its partner (a JSON escape such as \ud800). */
    static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
