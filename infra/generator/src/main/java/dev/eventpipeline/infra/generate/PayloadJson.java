package dev.eventpipeline.infra.generate;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.eventpipeline.model.UserEvent;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON text written by hand, so that it can be broken on purpose: fields duplicated, removed or given
 * raw values no encoder would write, and raw bytes spliced in where UTF-8 belongs.
 */
final class PayloadJson {

    private PayloadJson() {}

    /** An event object from raw JSON values, in the order the job's encoder writes them. */
    static String event(String userId, String eventType, String eventTime, String eventId, String metadata) {
        return "{\"user_id\":" + userId + ",\"event_type\":" + eventType + ",\"event_time\":" + eventTime
                + ",\"event_id\":" + eventId + ",\"metadata\":" + metadata + "}";
    }

    /** The JSON text with its first {@code @} replaced by raw bytes. */
    static byte[] splice(String json, byte[] bytes) {
        int at = json.indexOf('@');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(json.substring(0, at).getBytes(UTF_8));
        out.writeBytes(bytes);
        out.writeBytes(json.substring(at + 1).getBytes(UTF_8));
        return out.toByteArray();
    }

    static String metadataJson(Map<String, String> metadata) {
        StringBuilder out = new StringBuilder("{");
        metadata.forEach((key, value) -> out.append(out.length() > 1 ? "," : "").append(quote(key)).append(':')
                .append(quote(value)));
        return out.append('}').toString();
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** An event's top-level fields as raw JSON values, in order, editable (duplicates allowed). */
    static final class Fields {
        private final List<String[]> entries = new ArrayList<>();

        static Fields of(UserEvent event) {
            Fields fields = new Fields();
            fields.entries.add(new String[] {"user_id", quote(event.userId().toString())});
            fields.entries.add(new String[] {"event_type", quote(event.eventType())});
            fields.entries.add(new String[] {"event_time", quote(event.eventTime().toString())});
            fields.entries.add(new String[] {"event_id", quote(event.eventId().toString())});
            fields.entries.add(new String[] {"metadata", metadataJson(event.metadata())});
            return fields;
        }

        Fields set(String name, String rawValue) {
            entries.stream().filter(entry -> entry[0].equals(name)).forEach(entry -> entry[1] = rawValue);
            return this;
        }

        Fields remove(String name) {
            entries.removeIf(entry -> entry[0].equals(name));
            return this;
        }

        Fields duplicate(String name) {
            String[] original = entries.stream().filter(entry -> entry[0].equals(name)).findFirst().orElseThrow();
            entries.add(new String[] {original[0], original[1]});
            return this;
        }

        String json() {
            StringBuilder out = new StringBuilder("{");
            for (String[] entry : entries) {
                out.append(out.length() > 1 ? "," : "").append(quote(entry[0])).append(':').append(entry[1]);
            }
            return out.append('}').toString();
        }
    }
}
