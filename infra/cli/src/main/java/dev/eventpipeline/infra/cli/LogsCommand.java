package dev.eventpipeline.infra.cli;

import dev.eventpipeline.infra.LocalServer;
import dev.eventpipeline.infra.LocalServers;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "logs", mixinStandardHelpOptions = true, description = "Shows the end of a server's or the job's log (tail).")
final class LogsCommand implements Callable<Integer> {

    enum Server { kafka, cassandra, job }

    @Parameters(index = "0", paramLabel = "SERVER", description = "kafka, cassandra or job")
    Server server;

    @Option(names = {"-n", "--lines"}, defaultValue = "50", description = "How many lines (default ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = "--node", paramLabel = "N", description = "Which node of a replicated stack (default 1).")
    Integer node;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until interrupted (Ctrl-C).")
    boolean follow;

    @Mixin
    StackOptions stack;

    @Spec
    CommandSpec spec;

    private LocalServer serverOf(LocalServers servers) {
        int number = node != null ? node : 1;
        if (!servers.replicated()) {
            if (number != 1) {
                throw new ParameterException(spec.commandLine(), "--node " + number
                        + ": this stack has one node of each; --node applies to `pipeline up --nodes 3`");
            }
            return server == Server.kafka ? servers.kafka() : servers.cassandra();
        }
        try {
            return server == Server.kafka ? servers.kafkaCluster().node(number) : servers.cassandraCluster().node(number);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--node: " + e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        LocalServers servers = stack.servers();
        java.nio.file.Path logFile = server == Server.job ? new LocalJob(stack.workDir()).logFile() : serverOf(servers).logFile();
        if (!Files.isRegularFile(logFile)) {
            spec.commandLine().getErr().println("error: no log yet at " + logFile
                    + (server == Server.job ? " (run `pipeline run` or `pipeline demo`)." : " (run `pipeline up`)."));
            return 1;
        }
        // tail(1) already does this well, including following a file that is rewritten.
        List<String> command = new ArrayList<>(List.of("tail", "-n", Integer.toString(lines)));
        if (follow) {
            command.add("-F");
        }
        command.add(logFile.toString());
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
