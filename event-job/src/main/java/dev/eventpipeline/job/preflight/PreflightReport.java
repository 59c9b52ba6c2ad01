package dev.eventpipeline.job.preflight;

import java.util.ArrayList;
import java.util.List;

/**
 * What the start-up checks found: problems (each naming what to fix) and checks that could not run
 * and were skipped (with why). The job starts only when there are no problems.
 */
public final class PreflightReport {

    private final List<String> problems;
    private final List<String> skipped;

    PreflightReport(List<String> problems, List<String> skipped) {
        this.problems = List.copyOf(problems);
        this.skipped = List.copyOf(skipped);
    }

    public boolean passed() {
        return problems.isEmpty();
    }

    /** One line per problem, in check order; each names the setting or server to fix. */
    public List<String> problems() {
        return problems;
    }

    /** Checks that did not run, each with the reason (logged, never a failure). */
    public List<String> skipped() {
        return skipped;
    }

    /** The text printed when the job refuses to start. */
    public String message() {
        return "Start-up checks failed (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "); the job was not started:\n  - " + String.join("\n  - ", problems);
    }

    @Override
    public String toString() {
        return passed() ? "Start-up checks passed" + (skipped.isEmpty() ? "" : " (skipped: " + skipped + ")") : message();
    }

    /** Collects findings; the Kafka and Cassandra checks fill one each, then they are merged. */
    static final class Builder {
        private final List<String> problems = new ArrayList<>();
        private final List<String> skipped = new ArrayList<>();

        Builder problem(String problem) {
            problems.add(problem);
            return this;
        }

        Builder skipped(String reason) {
            skipped.add(reason);
            return this;
        }

        Builder addAll(PreflightReport other) {
            problems.addAll(other.problems);
            skipped.addAll(other.skipped);
            return this;
        }

        PreflightReport build() {
            return new PreflightReport(problems, skipped);
        }
    }
}
