package dev.eventpipeline.infra.cli;

import dev.eventpipeline.infra.LocalCassandra;
import dev.eventpipeline.infra.LocalKafka;
import dev.eventpipeline.infra.LocalServer;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.cassandra.SchemaTarget;
import dev.eventpipeline.model.TableLayout;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
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
                "Waits until both servers are ready; a server already running is reused, so running it again is harmless.",
                "With --nodes 3, three Kafka brokers and three Cassandra nodes, replicated three times."})
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
        stack.requireCompatibleWithExistingStack();
        LocalServers servers = stack.servers();
        stack.record(servers);
        NameColumn column = new NameColumn(servers);
        out.println("Local stack in " + stack.workDir() + (servers.security().isPresent() ? " (secured: TLS and authentication)" : "")
                + (servers.replicated() ? " (replicated: " + servers.kafkaCluster().nodes().size() + " Kafka nodes, "
                        + servers.cassandraCluster().nodes().size() + " Cassandra nodes)" : ""));
        for (LocalServer server : servers.servers()) {
            if (server.isRunning()) {
                out.printf("  %s already running (pid %d)%n", column.cell(server), server.pid().orElse(-1L));
            }
        }

        // Kafka and Cassandra are independent: start them together; a cluster orders its own nodes.
        Map<String, CompletableFuture<Duration>> starts = new LinkedHashMap<>();
        starts.put(servers.replicated() ? "Kafka nodes" : "Kafka", CompletableFuture.supplyAsync(() -> timed(
                servers.replicated() ? servers.kafkaCluster()::start : servers.kafka()::start)));
        starts.put(servers.replicated() ? "Cassandra nodes" : "Cassandra", CompletableFuture.supplyAsync(() -> timed(
                servers.replicated() ? servers.cassandraCluster()::start : servers.cassandra()::start)));
        ProgressLine.await(out, new LinkedHashMap<String, CompletableFuture<?>>(starts));

        boolean allReady = true;
        for (Map.Entry<String, CompletableFuture<Duration>> start : starts.entrySet()) {
            try {
                Duration took = start.getValue().join();
                if (servers.replicated()) {
                    out.printf("  %s ready in %.1f s%n", column.cell(start.getKey()), took.toMillis() / 1000.0);
                }
            } catch (CompletionException failed) {
                allReady = false;
                err.println("error: " + failed.getCause().getMessage());
            }
        }
        if (!allReady) {
            err.println("Fix the problem above and run `pipeline up` again; `pipeline down` stops what did start.");
            return 1;
        }
        for (LocalServer server : servers.servers()) {
            // One server per start: its own time; a cluster's time is printed above.
            String took = servers.replicated() ? ""
                    : String.format(", %.1f s", starts.get(server.displayName()).join().toMillis() / 1000.0);
            out.printf("  %s ready on %s (pid %d%s)%n", column.cell(server), address(server), server.pid().orElse(-1L), took);
        }

        List<String> created = servers.createPipelineTopics();
        out.println("  " + column.cell("Topics") + " " + (created.isEmpty() ? "already there" : "created " + String.join(", ", created))
                + (servers.replicated() ? " (replication factor " + servers.kafkaCluster().replicationFactor()
                        + ", min.insync.replicas " + servers.kafkaCluster().minInsyncReplicas() + ")" : ""));
        servers.applySchema(target);
        out.println("  " + column.cell("Schema") + " applied (" + schemaFiles(target.layout()) + ")"
                + (target.equals(SchemaTarget.of(target.layout())) ? "" : " as " + target.qualifiedTable())
                + (servers.replicated() ? ", keyspace on NetworkTopologyStrategy with "
                        + servers.cassandraCluster().replicationFactor() + " replicas" : ""));
        out.printf("Up in %.1f s. Kafka: %s  Cassandra: %s (datacenter %s)%n",
                (System.nanoTime() - started) / 1e9, servers.bootstrapServers(), cassandraAddress(servers),
                servers.cassandraLocalDatacenter());
        servers.security().ifPresent(security -> {
            // Where, never what: the values stay in the owner-only files.
            out.println("Secured: Kafka SASL_SSL (SCRAM-SHA-512), Cassandra password authentication over TLS.");
            out.println("  CA certificate  " + security.caCertificate());
            out.println("  Truststore      " + security.truststore() + " (PKCS12)");
            out.println("  Credentials     " + security.credentialsFile() + " (mode 600: users, roles, store password)");
        });
        out.println("Logs: pipeline logs kafka|cassandra" + (servers.replicated() ? " [--node N]" : "")
                + "   Stop: pipeline down");
        return 0;
    }

    /** The files that {@code up} applies for the layout, for its output. */
    static String schemaFiles(TableLayout layout) {
        String files = "infra/cassandra/" + TableLayout.SEED.schemaFile();
        return layout == TableLayout.SEED ? files : files + ", infra/cassandra/" + layout.schemaFile();
    }

    /** Where a server's clients connect: the broker's host:port, or the Cassandra node's CQL host:port. */
    static String address(LocalServer server) {
        if (server instanceof LocalKafka kafka) {
            return kafka.bootstrapServers();
        }
        InetSocketAddress cql = ((LocalCassandra) server).contactPoint();
        return cql.getHostString() + ":" + cql.getPort();
    }

    /** Every Cassandra node's host with the shared CQL port, e.g. 127.0.0.1,127.0.0.2:9042. */
    static String cassandraAddress(LocalServers servers) {
        return servers.cassandraContactPointHosts() + ":" + servers.cassandraContactPoint().getPort();
    }

    private static Duration timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
