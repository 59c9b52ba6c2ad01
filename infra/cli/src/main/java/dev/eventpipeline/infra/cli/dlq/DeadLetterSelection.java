package dev.eventpipeline.infra.cli.dlq;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which dead letters a command looks at: some reasons (none = all), and a time range of the dead letters'
 * record timestamps, {@code since} included, {@code until} excluded.
 */
public record DeadLetterSelection(Set<String> reasons, Optional<Instant> since, Optional<Instant> until) {

    public static final DeadLetterSelection ALL = new DeadLetterSelection(Set.of(), Optional.empty(), Optional.empty());

    public DeadLetterSelection {
        reasons = Set.copyOf(reasons);
        if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
            throw new IllegalArgumentException("--since " + since.get() + " is not before --until " + until.get());
        }
    }

    /**
     * A {@code --since}/{@code --until} value: an ISO-8601 instant ({@code 2025-11-25T10:00:00Z}, any offset) or
     * a duration before {@code now} ({@code 2h}, {@code 30 min}, {@code 7 d}).
     */
    public static Instant instant(String option, String text, Instant now) {
        String value = text.trim();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notAnInstant) {
            try {
                return now.minus(duration(value));
            } catch (RuntimeException notADuration) {
                throw new IllegalArgumentException(option + " '" + text + "' is neither an ISO-8601 instant such as "
                        + "2025-11-25T10:00:00Z nor a duration before now such as 2h, 30 min or 7 d");
            }
        }
    }

    /** "2h", "2 h", "30 min", "90s", "7 d", "1500 ms": a number and a unit. */
    private static Duration duration(String text) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|sec|m|min|h|d)")
                .matcher(text.toLowerCase(java.util.Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException(text);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s", "sec" -> Duration.ofSeconds(amount);
            case "m", "min" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    public boolean matches(DeadLetterRecord letter) {
        return (reasons.isEmpty() || reasons.contains(letter.reason()))
                && since.map(start -> !letter.timestamp().isBefore(start)).orElse(true)
                && until.map(end -> letter.timestamp().isBefore(end)).orElse(true);
    }

    /** Whether a dead letter this late or later can still match (for reading to an end). */
    public boolean pastUntil(DeadLetterRecord letter) {
        return until.map(end -> !letter.timestamp().isBefore(end)).orElse(false);
    }

    /**
     * One dead letter per event, its latest: the event is its {@link DeadLetterRecord#origin()}; of its dead
     * letters (duplicates of the at-least-once sink, and those of refused replays) the one with the most
     * attempts, then the later one. Kept in the order of the latest dead letters' first appearance.
     */
    public static List<DeadLetterRecord> latestPerEvent(Collection<DeadLetterRecord> letters) {
        Comparator<DeadLetterRecord> later = Comparator.comparingInt(DeadLetterRecord::attempts)
                .thenComparing(DeadLetterRecord::timestamp)
                .thenComparing(DeadLetterRecord::coordinates);
        Map<DeadLetterRecord.Coordinates, DeadLetterRecord> latest = new LinkedHashMap<>();
        for (DeadLetterRecord letter : letters) {
            latest.merge(letter.origin(), letter, (a, b) -> later.compare(a, b) >= 0 ? a : b);
        }
        return List.copyOf(latest.values());
    }
}
