package dev.eventpipeline.infra.cli;

import dev.eventpipeline.infra.LocalServer;
import dev.eventpipeline.infra.LocalServers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "clean", mixinStandardHelpOptions = true,
        description = {"Deletes the local stack's data and logs.", "Refused while a server runs (run `pipeline down` first)."})
final class CleanCommand implements Callable<Integer> {

    @Mixin
    StackOptions stack;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        LocalServers servers = stack.servers();
        List<LocalServer> both = servers.servers();
        for (LocalServer server : both) {
            if (server.isRunning()) {
                spec.commandLine().getErr().printf("error: %s is running (pid %d); run `pipeline down` first.%n",
                        server.displayName(), server.pid().orElse(-1L));
                return 1;
            }
        }
        for (LocalServer server : both) {
            server.deleteData();
            Files.deleteIfExists(server.logFile());
            out.printf("  %s deleted %s and %s%n", new NameColumn(servers).cell(server), server.serverDir(), server.logFile());
        }
        return 0;
    }
}
