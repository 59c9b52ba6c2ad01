package dev.eventpipeline.infra.cli.dlq;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What `dlq replay` does with a selection, decided before anything is sent. Each event counts once, through
 * its latest dead letter ({@link DeadLetterSelection#latestPerEvent}); the selection applies to that one, so
 * an event whose replay was refused for another reason is no longer chosen by the first reason. Of the
 * chosen: those whose attempts reached {@code maxAttempts} are skipped (a payload that keeps failing stops),
 * and those whose payload was cut to fit the dead-letter topic cannot be replayed; the rest are sent.
 */
public record ReplayPlan(List<DeadLetterRecord> toSend, List<DeadLetterRecord> atLimit, List<DeadLetterRecord> cut,
        long deadLettersRead) {

    public static ReplayPlan of(Collection<DeadLetterRecord> letters, DeadLetterSelection selection, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("--max-attempts must be at least 1: " + maxAttempts);
        }
        List<DeadLetterRecord> send = new ArrayList<>();
        List<DeadLetterRecord> limit = new ArrayList<>();
        List<DeadLetterRecord> cut = new ArrayList<>();
        for (DeadLetterRecord latest : DeadLetterSelection.latestPerEvent(letters)) {
            if (!selection.matches(latest)) {
                continue;
            }
            if (latest.attempts() >= maxAttempts) {
                limit.add(latest);
            } else if (!latest.wholePayload()) {
                cut.add(latest);
            } else {
                send.add(latest);
            }
        }
        return new ReplayPlan(List.copyOf(send), List.copyOf(limit), List.copyOf(cut), letters.size());
    }

    /** Events chosen: to send, at the limit, or cut. */
    public int selected() {
        return toSend.size() + atLimit.size() + cut.size();
    }

    /** The events to send, counted by reason (sorted by name). */
    public Map<String, Long> toSendByReason() {
        return byReason(toSend);
    }

    static Map<String, Long> byReason(Collection<DeadLetterRecord> letters) {
        Map<String, Long> counts = new TreeMap<>();
        letters.forEach(letter -> counts.merge(letter.reason(), 1L, Long::sum));
        return counts;
    }
}
