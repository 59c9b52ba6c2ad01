package dev.eventpipeline.infra.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** The result of running the CLI in-process: exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {

    /**
     * {@code command} pointed at a test's own stack: its work dir and the ports {@code ports} holds, in
     * the order Kafka, Kafka controller, Cassandra CQL, Cassandra storage; then {@code more}.
     */
    static String[] onStack(Path workDir, int[] ports, String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--work-dir", workDir.toString(),
                "--kafka-port", Integer.toString(ports[0]), "--kafka-controller-port", Integer.toString(ports[1]),
                "--cassandra-port", Integer.toString(ports[2]), "--cassandra-storage-port", Integer.toString(ports[3])));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = PipelineCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }
}
