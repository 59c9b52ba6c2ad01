package dev.eventpipeline.infra.cli.dlq;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A payload shown safely on a terminal: well-formed UTF-8 as text with every control, format and
 * separator character escaped (so a payload cannot move the cursor, recolour or rewrite the screen),
 * anything else as hex; cut at a width, with the full size when cut.
 */
public final class PayloadPreview {

    private PayloadPreview() {}

    /** {@code bytes} in at most about {@code width} characters. */
    public static String of(byte[] bytes, int width) {
        if (bytes == null) {
            return "(null)";
        }
        if (bytes.length == 0) {
            return "(empty)";
        }
        Optional<String> text = utf8(bytes);
        if (text.isEmpty()) {
            int shown = Math.min(bytes.length, Math.max(1, (width - 4) / 2));
            return "hex:" + HexFormat.of().formatHex(bytes, 0, shown) + suffix(shown < bytes.length, bytes.length, "not UTF-8");
        }
        StringBuilder out = new StringBuilder();
        String value = text.get();
        int i = 0;
        while (i < value.length()) {
            int codePoint = value.codePointAt(i);
            String piece = escaped(codePoint);
            if (out.length() + piece.length() > width) {
                break;
            }
            out.append(piece);
            i += Character.charCount(codePoint);
        }
        return out + suffix(i < value.length(), bytes.length, "");
    }

    /** The bytes as a string when they are well-formed UTF-8. */
    public static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String suffix(boolean cut, int size, String note) {
        if (cut) {
            return "… (" + size + " bytes" + (note.isEmpty() ? "" : ", " + note) + ")";
        }
        return note.isEmpty() ? "" : " (" + note + ")";
    }

    private static String escaped(int codePoint) {
        switch (codePoint) {
            case '\n': return "\\n";
            case '\r': return "\\r";
            case '\t': return "\\t";
            case '\\': return "\\\\";
            default:
        }
        int type = Character.getType(codePoint);
        boolean unsafe = Character.isISOControl(codePoint) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE || type == Character.PRIVATE_USE
                || type == Character.UNASSIGNED;
        if (!unsafe) {
            return new String(Character.toChars(codePoint));
        }
        return codePoint <= 0xFFFF ? String.format("\\u%04x", codePoint) : String.format("\\U%08x", codePoint);
    }
}
