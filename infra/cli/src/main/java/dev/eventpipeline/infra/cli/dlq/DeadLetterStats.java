package dev.eventpipeline.infra.cli.dlq;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Counts of dead letters by reason, by source partition and by hour (UTC), and how many events they are. */
public final class DeadLetterStats {

    private long total;
    private final Set<DeadLetterRecord.Coordinates> events = new HashSet<>();
    private final Map<String, Long> byReason = new TreeMap<>();
    private final Map<String, Long> bySourcePartition = new TreeMap<>();
    private final Map<Instant, Long> byHour = new TreeMap<>();
    private final Map<Integer, Long> byAttempts = new TreeMap<>();
    private Instant first;
    private Instant last;

    public void add(DeadLetterRecord letter) {
        total++;
        events.add(letter.origin());
        byReason.merge(letter.reason(), 1L, Long::sum);
        bySourcePartition.merge(letter.source() == null ? "(unknown)"
                : letter.source().topic() + "-" + letter.source().partition(), 1L, Long::sum);
        byHour.merge(letter.timestamp().truncatedTo(ChronoUnit.HOURS), 1L, Long::sum);
        byAttempts.merge(letter.attempts(), 1L, Long::sum);
        first = first == null || letter.timestamp().isBefore(first) ? letter.timestamp() : first;
        last = last == null || letter.timestamp().isAfter(last) ? letter.timestamp() : last;
    }

    /** Dead letters counted, duplicates and replays included. */
    public long total() {
        return total;
    }

    /** Distinct events among them: by the coordinates of each event's first record. */
    public int events() {
        return events.size();
    }

    public Map<String, Long> byReason() {
        return Map.copyOf(byReason);
    }

    /** By "topic-partition" of the record the job refused. */
    public Map<String, Long> bySourcePartition() {
        return Map.copyOf(bySourcePartition);
    }

    /** By the hour (UTC) of the dead letter's timestamp. */
    public Map<Instant, Long> byHour() {
        return Map.copyOf(byHour);
    }

    /** By replay attempts already refused (0 = never replayed). */
    public Map<Integer, Long> byAttempts() {
        return Map.copyOf(byAttempts);
    }

    /** The earliest and latest dead-letter timestamps, when there are any. */
    public Instant first() {
        return first;
    }

    public Instant last() {
        return last;
    }
}
