package dev.eventpipeline.infra.cli;

import dev.eventpipeline.model.RejectReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What of the demo's events arrived where, and when everything had: the result of {@link ArrivalWatch}. */
record Arrivals(long written, long deadLettered, Map<RejectReason, Long> deadLetteredByReason, long wrongReason,
        long validDeadLettered, Duration sinceFirstSend, boolean complete) {

    /** Every valid event a row, every invalid one a dead letter of the reason it was built for. */
    boolean matches(EventSender.Report sent) {
        return written == sent.validSent() && deadLettered == sent.invalidSent() && wrongReason == 0
                && validDeadLettered == 0;
    }

    String mismatch(EventSender.Report sent) {
        List<String> problems = new ArrayList<>();
        if (written != sent.validSent()) {
            problems.add(String.format(Locale.ROOT, "%,d rows written for %,d valid events sent", written, sent.validSent()));
        }
        if (deadLettered != sent.invalidSent()) {
            problems.add(String.format(Locale.ROOT, "%,d dead letters for %,d invalid events sent", deadLettered,
                    sent.invalidSent()));
        }
        if (wrongReason > 0) {
            problems.add(wrongReason + " dead letters with another reason than expected");
        }
        if (validDeadLettered > 0) {
            problems.add(validDeadLettered + " valid events were dead-lettered");
        }
        return String.join("; ", problems) + (complete ? "." : " (gave up waiting).");
    }
}
