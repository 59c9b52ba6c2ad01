package dev.eventpipeline.infra.cli;

import dev.eventpipeline.infra.LocalServer;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.cassandra.SchemaTarget;
import dev.eventpipeline.model.TableLayout;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Starts Kafka and Cassandra, creates the topics and applies the schema.",
                "Waits until both servers are ready; a server already running is reused, so running it again is harmless."})
final class UpCommand implements Callable<Integer> {

    @Mixin
    StackOptions stack;

    @Mixin
    CassandraTableOptions table;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return up(stack, table.target(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /**
     * Brings the stack up as `pipeline up` does (also the first step of `demo`), creating the target's
     * keyspace and table; returns the exit code.
     */
    static int up(StackOptions stack, SchemaTarget target, PrintWriter out, PrintWriter err) {
        long started = System.nanoTime();
        stack.requireModeOfExistingData();
        LocalServers servers = stack.servers();
        stack.record(servers);
        out.println("Local stack in " + stack.workDir() + (servers.security().isPresent() ? " (secured: TLS and authentication)" : ""));

        Map<LocalServer, CompletableFuture<Duration>> starts = new LinkedHashMap<>();
        for (LocalServer server : List.of(servers.kafka(), servers.cassandra())) {
            if (server.isRunning()) {
                out.printf("  %-10s already running (pid %d)%n", server.displayName(), server.pid().orElse(-1L));
            }
            starts.put(server, CompletableFuture.supplyAsync(() -> timed(server::start)));
        }
        Map<String, CompletableFuture<?>> progress = new LinkedHashMap<>();
        starts.forEach((server, future) -> progress.put(server.displayName(), future));
        ProgressLine.await(out, progress);

        boolean allReady = true;
        for (Map.Entry<LocalServer, CompletableFuture<Duration>> start : starts.entrySet()) {
            LocalServer server = start.getKey();
            try {
                Duration took = start.getValue().join();
                out.printf("  %-10s ready on %s (pid %d, %.1f s)%n", server.displayName(), address(servers, server),
                        server.pid().orElse(-1L), took.toMillis() / 1000.0);
            } catch (CompletionException failed) {
                allReady = false;
                err.println("error: " + failed.getCause().getMessage());
            }
        }
        if (!allReady) {
            err.println("Fix the problem above and run `pipeline up` again; `pipeline down` stops what did start.");
            return 1;
        }

        List<String> created = servers.kafka().createPipelineTopics();
        out.println("  Topics     " + (created.isEmpty() ? "already there" : "created " + String.join(", ", created)));
        servers.cassandra().applySchema(target);
        out.println("  Schema     applied (" + schemaFiles(target.layout()) + ")"
                + (target.equals(SchemaTarget.of(target.layout())) ? "" : " as " + target.qualifiedTable()));
        out.printf("Up in %.1f s. Kafka: %s  Cassandra: %s (datacenter %s)%n",
                (System.nanoTime() - started) / 1e9, servers.bootstrapServers(),
                address(servers, servers.cassandra()), servers.cassandraLocalDatacenter());
        servers.security().ifPresent(security -> {
            // Where, never what: the values stay in the owner-only files.
            out.println("Secured: Kafka SASL_SSL (SCRAM-SHA-512), Cassandra password authentication over TLS.");
            out.println("  CA certificate  " + security.caCertificate());
            out.println("  Truststore      " + security.truststore() + " (PKCS12)");
            out.println("  Credentials     " + security.credentialsFile() + " (mode 600: users, roles, store password)");
        });
        out.println("Logs: pipeline logs kafka|cassandra   Stop: pipeline down");
        return 0;
    }

    /** The files that {@code up} applies for the layout, for its output. */
    static String schemaFiles(TableLayout layout) {
        String files = "infra/cassandra/" + TableLayout.SEED.schemaFile();
        return layout == TableLayout.SEED ? files : files + ", infra/cassandra/" + layout.schemaFile();
    }

    static String address(LocalServers servers, LocalServer server) {
        return server == servers.kafka() ? servers.bootstrapServers()
                : servers.cassandraContactPoint().getHostString() + ":" + servers.cassandraContactPoint().getPort();
    }

    private static Duration timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
