package dev.eventpipeline.job.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.util.TimeUtils;

/** Text-to-value parsers whose errors say what would have been accepted. */
final class Parsers {

    private Parsers() {}

    static Function<String, String> nonEmpty() {
        return text -> {
            if (text.isBlank()) {
                throw new IllegalArgumentException("must not be empty");
            }
            return text.trim();
        };
    }

    /** A rate: a positive number (fractions allowed) up to {@code max}. */
    static Function<String, Double> positiveRate(double max) {
        return text -> {
            double value;
            try {
                value = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a positive number up to " + (long) max);
            }
            if (!(value > 0) || value > max) {
                throw new IllegalArgumentException("must be a positive number up to " + (long) max);
            }
            return value;
        };
    }

    static Function<String, Integer> intBetween(int min, int max) {
        return text -> {
            int value;
            try {
                value = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a whole number from " + min + " to " + max);
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException("must be from " + min + " to " + max);
            }
            return value;
        };
    }

    static Function<String, Boolean> bool() {
        return text -> switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    /** A duration such as "10 s", "500 ms", "2 min", "1 h" or "7 d"; zero allowed only if asked. */
    static Function<String, Duration> duration(boolean zeroAllowed) {
        return text -> {
            Duration value;
            try {
                value = TimeUtils.parseDuration(text.trim());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("must be a duration such as 500 ms, 10 s, 2 min, 1 h or 7 d");
            }
            if (value.isZero() && !zeroAllowed) {
                throw new IllegalArgumentException("must be longer than zero");
            }
            return value;
        };
    }

    /** A duration from {@code min} to {@code max}, both included. */
    static Function<String, Duration> durationBetween(Duration min, Duration max) {
        Function<String, Duration> any = duration(true);
        return text -> {
            Duration value = any.apply(text);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException("must be from " + TimeUtils.formatWithHighestUnit(min) + " to "
                        + TimeUtils.formatWithHighestUnit(max));
            }
            return value;
        };
    }

    /** A comma-separated list of non-empty items. */
    static Function<String, List<String>> list() {
        return text -> {
            List<String> items = Arrays.stream(text.split(",")).map(String::trim).collect(Collectors.toList());
            if (items.isEmpty() || items.stream().anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException("must be a comma-separated list without empty items");
            }
            return items;
        };
    }

    static Function<String, String> choice(String... allowed) {
        return text -> {
            String value = text.trim().toUpperCase(Locale.ROOT);
            if (!Arrays.asList(allowed).contains(value)) {
                throw new IllegalArgumentException("must be one of " + String.join(", ", allowed));
            }
            return value;
        };
    }

    /**
     * A file holding a secret: its content, without one trailing newline. Errors name the path,
     * never the content.
     */
    static Function<String, String> passwordFile() {
        return text -> {
            Path path = Path.of(text.trim());
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("is not a file: give the path of a file holding only the password");
            }
            String content;
            try {
                content = Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("cannot be read as UTF-8 text by user "
                        + System.getProperty("user.name") + ": make it readable for the user the job runs as");
            }
            String password = content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
            if (password.isEmpty()) {
                throw new IllegalArgumentException("is empty: write the password into it");
            }
            return password;
        };
    }
}
