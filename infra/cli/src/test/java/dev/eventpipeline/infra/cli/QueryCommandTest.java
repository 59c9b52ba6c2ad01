package dev.eventpipeline.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument validation: a usage error (exit 2) naming the bad value, before any server is contacted. */
class QueryCommandTest {

    @TempDir
    Path workDir;

    private CliRun query(String user, String date, String... more) {
        String[] base = {"query", "--work-dir", workDir.toString(), "--cassandra-port", "1", "--user", user, "--date", date};
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.of(args);
    }

    @Test
    void aBadUuidIsAUsageError() {
        for (String bad : new String[] {"nope", "1-2-3-4-5", "589e4567e89b12d3a456426614174000", "589e4567-e89b-12d3-a456-42661417400g"}) {
            CliRun run = query(bad, "2025-11-25");

            assertThat(run.exitCode()).as(bad).isEqualTo(2);
            assertThat(run.err()).contains("'" + bad + "' is not a UUID: expected 32 hex digits as 8-4-4-4-12");
        }
    }

    @Test
    void aBadDateIsAUsageError() {
        for (String bad : new String[] {"yesterday", "2025-11-31", "2025-2-3", "25-11-2025", "2025-11-25T10:00:00Z"}) {
            CliRun run = query("589e4567-e89b-12d3-a456-426614174000", bad);

            assertThat(run.exitCode()).as(bad).isEqualTo(2);
            assertThat(run.err()).contains("'" + bad + "' is not a date: expected YYYY-MM-DD");
        }
    }

    @Test
    void theLimitMustBePositive() {
        CliRun run = query("589e4567-e89b-12d3-a456-426614174000", "2025-11-25", "--limit", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'0' is not a positive whole number");
    }

    @Test
    void anUnknownTableLayoutIsAUsageError() {
        CliRun run = query("589e4567-e89b-12d3-a456-426614174000", "2025-11-25", "--table-layout", "by-id");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'by-id' is not a table layout: expected one of seed, event-id");
    }

    @Test
    void userAndDateAreRequired() {
        CliRun run = CliRun.of("query", "--date", "2025-11-25");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--user=UUID'");
    }

    @Test
    void withoutCassandraItSaysToStartTheStack() {
        CliRun run = query("589e4567-e89b-12d3-a456-426614174000", "2025-11-25");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Cassandra is not running on port 1; start the local stack with `pipeline up`.");
    }

    @Test
    void theDaysAreOneDateOrARangeInOrderOfAtMostAYear() {
        String user = "589e4567-e89b-12d3-a456-426614174000";
        String[][] refused = {
            {"--date", "2025-11-25", "--from", "2025-11-24"},
            {"--from", "2025-11-24"},
            {},
            {"--from", "2025-11-25", "--to", "2025-11-24"},
            {"--from", "2024-01-01", "--to", "2025-01-01"},
        };
        String[] because = {
            "give --date for one day or --from and --to for a range, not both",
            "missing the day: give --date YYYY-MM-DD, or --from and --to",
            "missing the day: give --date YYYY-MM-DD, or --from and --to",
            "--to 2025-11-24 is before --from 2025-11-25",
            "spans 367 days; at most 366",
        };
        for (int i = 0; i < refused.length; i++) {
            List<String> args = new ArrayList<>(List.of("query", "--user", user, "--cassandra-port", "1"));
            args.addAll(List.of(refused[i]));
            CliRun run = CliRun.of(args.toArray(String[]::new));

            assertThat(run.exitCode()).as(because[i]).isEqualTo(2);
            assertThat(run.err()).contains(because[i]);
        }
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        CliRun run = query("589e4567-e89b-12d3-a456-426614174000", "2025-11-25", "--format", "yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--format", "yaml");
    }
}
