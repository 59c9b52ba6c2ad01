package dev.eventpipeline.infra.cli.dlq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** How `dlq tail` and `dlq stats` print: text for people, one JSON object a line for scripts. */
public final class DeadLetterFormat {

    /** Payload and key previews are cut at this many characters in text. */
    public static final int WIDTH = 160;

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadLetterFormat() {}

    /** A dead letter as a few lines of text: where, when, why, from where, and its key and value, escaped and cut. */
    public static String text(DeadLetterRecord letter) {
        StringBuilder out = new StringBuilder();
        out.append(letter.coordinates()).append("  ").append(letter.timestamp()).append("  ").append(letter.reason());
        if (letter.attempts() > 0) {
            out.append("  replay attempts ").append(letter.attempts());
        }
        out.append(System.lineSeparator());
        if (letter.message() != null) {
            line(out, "message", PayloadPreview.of(letter.message().getBytes(java.nio.charset.StandardCharsets.UTF_8), WIDTH));
        }
        if (letter.source() != null) {
            line(out, "source", letter.source() + (letter.sourceTimestamp() == null ? "" : " (" + letter.sourceTimestamp() + ")"));
        }
        if (letter.attempts() > 0) {
            line(out, "origin", letter.origin().toString());
        }
        line(out, "key", PayloadPreview.of(letter.key(), WIDTH));
        line(out, "value", PayloadPreview.of(letter.value(), WIDTH)
                + (letter.originalBytes() == null ? "" : " [cut by the job from " + letter.originalBytes() + " bytes]"));
        return out.toString();
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append("  ").append(String.format("%-9s", name + ":")).append(value).append(System.lineSeparator());
    }

    /**
     * A dead letter as one JSON object: every header decoded, the key and value whole, as strings when they
     * are UTF-8 ({@code key}, {@code value}) and else in base64 ({@code keyBase64}, {@code valueBase64}).
     */
    public static String json(DeadLetterRecord letter) {
        ObjectNode node = JSON.createObjectNode();
        node.put("topic", letter.topic());
        node.put("partition", letter.partition());
        node.put("offset", letter.offset());
        node.put("timestamp", letter.timestamp().toString());
        node.put("reason", letter.reason());
        node.put("message", letter.message());
        if (letter.source() != null) {
            ObjectNode source = node.putObject("source");
            source.put("topic", letter.source().topic());
            source.put("partition", letter.source().partition());
            source.put("offset", letter.source().offset());
            if (letter.sourceTimestamp() != null) {
                source.put("timestamp", letter.sourceTimestamp().toString());
            }
        }
        node.put("replayAttempts", letter.attempts());
        ObjectNode origin = node.putObject("origin");
        origin.put("topic", letter.origin().topic());
        origin.put("partition", letter.origin().partition());
        origin.put("offset", letter.origin().offset());
        bytes(node, "key", letter.key());
        bytes(node, "value", letter.value());
        if (letter.originalBytes() != null) {
            node.put("originalBytes", letter.originalBytes());
        }
        return write(node);
    }

    private static void bytes(ObjectNode node, String name, byte[] bytes) {
        if (bytes == null) {
            node.putNull(name);
            return;
        }
        node.put(name + "Bytes", bytes.length);
        Optional<String> text = PayloadPreview.utf8(bytes);
        if (text.isPresent()) {
            node.put(name, text.get());
        } else {
            node.put(name + "Base64", Base64.getEncoder().encodeToString(bytes));
        }
    }

    /** Stats as text: totals, then by reason, by source partition, by hour and by replay attempts. */
    public static String text(DeadLetterStats stats, String range) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%,d dead letters (%,d events) %s%n", stats.total(), stats.events(), range));
        if (stats.total() == 0) {
            return out.toString();
        }
        out.append(String.format("  first %s, last %s%n", stats.first(), stats.last()));
        table(out, "by reason", new java.util.TreeMap<>(stats.byReason()));
        table(out, "by source partition", new java.util.TreeMap<>(stats.bySourcePartition()));
        table(out, "by hour (UTC)", new java.util.TreeMap<>(stats.byHour()));
        table(out, "by replay attempts", new java.util.TreeMap<>(stats.byAttempts()));
        return out.toString();
    }

    private static void table(StringBuilder out, String title, Map<?, Long> counts) {
        out.append(title).append(System.lineSeparator());
        int width = counts.keySet().stream().mapToInt(key -> key.toString().length()).max().orElse(0);
        counts.forEach((key, count) -> out.append(String.format("  %-" + width + "s %,10d%n", key, count)));
    }

    /** Stats as one JSON object. */
    public static String json(DeadLetterStats stats, Optional<Instant> since, Optional<Instant> until) {
        ObjectNode node = JSON.createObjectNode();
        since.ifPresent(value -> node.put("since", value.toString()));
        until.ifPresent(value -> node.put("until", value.toString()));
        node.put("deadLetters", stats.total());
        node.put("events", stats.events());
        if (stats.first() != null) {
            node.put("first", stats.first().toString());
            node.put("last", stats.last().toString());
        }
        ObjectNode reasons = node.putObject("byReason");
        new java.util.TreeMap<>(stats.byReason()).forEach(reasons::put);
        ObjectNode partitions = node.putObject("bySourcePartition");
        new java.util.TreeMap<>(stats.bySourcePartition()).forEach(partitions::put);
        ObjectNode hours = node.putObject("byHour");
        new java.util.TreeMap<>(stats.byHour()).forEach((hour, count) -> hours.put(hour.toString(), count));
        ObjectNode attempts = node.putObject("byReplayAttempts");
        new java.util.TreeMap<>(stats.byAttempts()).forEach((n, count) -> attempts.put(n.toString(), count));
        return write(node);
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
