package dev.eventpipeline.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventpipeline.infra.flink.FlinkRest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A job's failures as Flink's exception history records them ({@code /jobs/<id>/exceptions},
 * at most 16 entries), oldest first, each with its time and its chain of causes, for scenarios
 * that have to say when and why the job failed, not only how often ({@link FlinkRest#failureCount}).
 */
public final class ExceptionHistory {

    private static final String CAUSED_BY = "Caused by: ";
    private static final String SERIALIZED = "org.apache.flink.util.SerializedThrowable: ";

    /** One recorded failure: when (epoch ms) and its stack trace as Flink recorded it. */
    public record Failure(long timestamp, String stacktrace) {

        /** The exception and each of its causes, one line each ("class: message"), outermost first. */
        public List<String> causes() {
            List<String> causes = new ArrayList<>();
            stacktrace.lines().findFirst().ifPresent(first -> causes.add(strip(first)));
            stacktrace.lines().filter(line -> line.startsWith(CAUSED_BY))
                    .forEach(line -> causes.add(strip(line.substring(CAUSED_BY.length()))));
            return causes;
        }

        /** The innermost cause. */
        public String rootCause() {
            List<String> causes = causes();
            return causes.isEmpty() ? "" : causes.get(causes.size() - 1);
        }

        /** The innermost cause whose line contains {@code text} (e.g. a topic name). */
        public Optional<String> innermostCauseContaining(String text) {
            List<String> causes = causes();
            for (int i = causes.size() - 1; i >= 0; i--) {
                if (causes.get(i).contains(text)) {
                    return Optional.of(causes.get(i));
                }
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return rootCause();
        }

        private static String strip(String line) {
            String text = line.strip();
            return text.startsWith(SERIALIZED) ? text.substring(SERIALIZED.length()) : text;
        }
    }

    private ExceptionHistory() {}

    public static List<Failure> of(FlinkRest rest, String jobId) throws IOException {
        List<Failure> failures = new ArrayList<>();
        for (JsonNode entry : rest.get("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries")) {
            failures.add(new Failure(entry.path("timestamp").asLong(), entry.path("stacktrace").asText("")));
        }
        failures.sort(Comparator.comparingLong(Failure::timestamp));
        return failures;
    }
}
