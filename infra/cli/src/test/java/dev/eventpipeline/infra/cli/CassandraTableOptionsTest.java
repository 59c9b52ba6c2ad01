package dev.eventpipeline.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.infra.cassandra.SchemaTarget;
import dev.eventpipeline.job.config.JobOptions;
import dev.eventpipeline.model.TableLayout;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** --table-layout, --cassandra.keyspace and --cassandra.table: the job's names and defaults, no servers. */
class CassandraTableOptionsTest {

    @TempDir
    Path workDir;

    private static CassandraTableOptions parse(String... args) {
        CassandraTableOptions options = new CassandraTableOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void withoutOptionsItIsTheJobsDefaultTableAndTheJobGetsNothing() {
        CassandraTableOptions options = parse();

        assertThat(options.target()).isEqualTo(new SchemaTarget(TableLayout.SEED, UserEventCassandraModel.KEYSPACE,
                UserEventCassandraModel.TABLE));
        assertThat(options.jobArguments()).isEmpty();
    }

    @Test
    void theTableDefaultsToTheLayoutsAsTheJobsDoes() {
        assertThat(parse("--table-layout", "event-id").target())
                .isEqualTo(SchemaTarget.of(TableLayout.EVENT_ID));
        assertThat(parse("--table-layout", "event-id", "--cassandra.keyspace", "shop").target().qualifiedTable())
                .isEqualTo("shop.user_events_by_event_id");
    }

    @Test
    void whatIsGivenIsPassedToTheJobUnderItsOwnOptionNames() {
        CassandraTableOptions options = parse("--cassandra.keyspace", "shop", "--cassandra.table", "clicks",
                "--table-layout", "event-id");

        assertThat(options.target()).isEqualTo(new SchemaTarget(TableLayout.EVENT_ID, "shop", "clicks"));
        assertThat(options.jobArguments()).containsExactly(
                "--" + JobOptions.CASSANDRA_TABLE_LAYOUT.key(), "event-id",
                "--" + JobOptions.CASSANDRA_KEYSPACE.key(), "shop",
                "--" + JobOptions.CASSANDRA_TABLE.key(), "clicks");
        assertThat(options.jobArguments()).containsExactly("--cassandra.table-layout", "event-id",
                "--cassandra.keyspace", "shop", "--cassandra.table", "clicks");
    }

    @Test
    void aNameTheJobWouldRefuseIsAUsageErrorOfEveryCommandThatTakesIt() {
        for (List<String> command : List.of(
                List.of("up"), List.of("demo"), List.of("run"),
                List.of("query", "--user", "589e4567-e89b-12d3-a456-426614174000", "--date", "2025-11-25"))) {
            String[] args = java.util.stream.Stream.concat(command.stream(),
                    java.util.stream.Stream.of("--work-dir", workDir.toString(), "--cassandra.table", "Bad-Name"))
                    .toArray(String[]::new);

            CliRun run = CliRun.of(args);

            assertThat(run.exitCode()).as(command.get(0)).isEqualTo(2);
            assertThat(run.err()).as(command.get(0)).contains("'Bad-Name' is not a lower-case CQL identifier");
        }
        assertThat(workDir.resolve("run")).doesNotExist(); // refused before anything started
    }

    @Test
    void queryNamesTheUpOptionsThatCreateAMissingTable() {
        assertThat(QueryCommand.upOptions(SchemaTarget.of(TableLayout.SEED))).isEmpty();
        assertThat(String.join("", QueryCommand.upOptions(new SchemaTarget(TableLayout.EVENT_ID, "shop",
                TableLayout.EVENT_ID.defaultTable())))).isEqualTo(" --table-layout event-id --cassandra.keyspace shop");
        assertThat(String.join("", QueryCommand.upOptions(new SchemaTarget(TableLayout.SEED,
                UserEventCassandraModel.KEYSPACE, "clicks")))).isEqualTo(" --cassandra.table clicks");
    }
}
