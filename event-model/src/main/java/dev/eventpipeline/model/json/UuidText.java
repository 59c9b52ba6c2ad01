package dev.eventpipeline.model.json;

import java.util.UUID;

/**
 * Strict parser for the canonical 36-character UUID form. {@link UUID#fromString} accepts
 * shortened groups ("1-2-3-4-5") and reports errors by throwing; this returns null instead, so a
 * bad id costs no stack trace.
 */
final class UuidText {

    private UuidText() {}

    static UUID parse(String text) {
        if (text.length() != 36) {
            return null;
        }
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return null;
                }
                continue;
            }
            int digit = hexValue(c);
            if (digit < 0) {
                return null;
            }
            if (i < 19) {
                msb = (msb << 4) | digit;
            } else {
                lsb = (lsb << 4) | digit;
            }
        }
        return new UUID(msb, lsb);
    }

    /** ASCII hex only: {@link Character#digit} would also take other scripts' digits. */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
