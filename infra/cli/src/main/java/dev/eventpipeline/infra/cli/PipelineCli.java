package dev.eventpipeline.infra.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The `pipeline` command (infra/bin/pipeline). Each subcommand is its own class; to add one, write a
 * {@code @Command} class implementing {@code Callable<Integer>} (with {@code @Mixin StackOptions} if it
 * needs the local servers) and list it in {@code subcommands} below.
 */
@Command(
        name = "pipeline",
        mixinStandardHelpOptions = true,
        versionProvider = PipelineCli.Version.class,
        description = {"The event pipeline on this machine, no Docker needed. Start with `pipeline demo`.",
                "Kafka and Cassandra run as local JVMs, the job in a local Flink MiniCluster."},
        footer = {"", "Benchmarks: pipeline bench micro|e2e [--help] (runs infra/bin/bench; docs/benchmarks.md)."},
        subcommands = {
            DemoCommand.class,
            UpCommand.class,
            StatusCommand.class,
            DownCommand.class,
            CleanCommand.class,
            LogsCommand.class,
            RunCommand.class,
            GenerateCommand.class,
            QueryCommand.class,
            dev.eventpipeline.infra.cli.dlq.DlqCommand.class,
            CommandLine.HelpCommand.class
        })
public final class PipelineCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new PipelineCli())
                .setExecutionExceptionHandler((exception, cli, parseResult) -> {
                    // Our exceptions carry complete, user-facing messages (port owner, log tail): no stack trace.
                    cli.getErr().println("error: " + exception.getMessage());
                    return 1;
                });
        // Counted from the code, which an annotation's constant text cannot be.
        commandLine.getSubcommands().get("generate").getCommandSpec().usageMessage().description(GenerateCommand.description());
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = PipelineCli.class.getPackage().getImplementationVersion();
            return new String[] {"pipeline " + (version == null ? "(development build)" : version)};
        }
    }
}
