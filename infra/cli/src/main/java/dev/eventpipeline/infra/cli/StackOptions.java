package dev.eventpipeline.infra.cli;

import dev.eventpipeline.infra.LocalCassandra;
import dev.eventpipeline.infra.LocalKafka;
import dev.eventpipeline.infra.LocalServers;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Where the local stack lives and which ports it uses; mixed into every subcommand that touches it.
 * Ports given to `up` are remembered in {@code <work dir>/stack.properties}, so `status` and `down`
 * need no repeated options.
 */
public final class StackOptions {

    /** Set by infra/bin/pipeline to the repository root, so the default work dir does not depend on the cwd. */
    static final String ROOT_PROPERTY = "pipeline.root";

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Data, logs and PID files (default: <repo>/.local).")
    Path workDir;

    @Option(names = "--kafka-port", paramLabel = "PORT", description = "Kafka broker port (default 9092).")
    Integer kafkaPort;

    @Option(names = "--kafka-controller-port", paramLabel = "PORT", description = "Kafka controller port (default 9093).")
    Integer kafkaControllerPort;

    @Option(names = "--cassandra-port", paramLabel = "PORT", description = "Cassandra CQL port (default 9042).")
    Integer cassandraPort;

    @Option(names = "--cassandra-storage-port", paramLabel = "PORT",
            description = "Cassandra inter-node port (default 7000).")
    Integer cassandraStoragePort;

    @Option(names = "--cassandra-heap", paramLabel = "SIZE", description = "Cassandra heap, e.g. 1g (default 1g).")
    String cassandraHeap;

    public Path workDir() {
        return (workDir != null ? workDir : Path.of(System.getProperty(ROOT_PROPERTY, "."), ".local"))
                .toAbsolutePath().normalize();
    }

    public LocalServers servers() {
        Properties recorded = recorded();
        LocalKafka kafka = LocalKafka.builder()
                .workDir(workDir())
                .brokerPort(pick(kafkaPort, recorded, "kafka.port", LocalKafka.DEFAULT_BROKER_PORT))
                .controllerPort(pick(kafkaControllerPort, recorded, "kafka.controller.port",
                        LocalKafka.DEFAULT_CONTROLLER_PORT))
                .build();
        LocalCassandra cassandra = LocalCassandra.builder()
                .workDir(workDir())
                .cqlPort(pick(cassandraPort, recorded, "cassandra.port", LocalCassandra.DEFAULT_CQL_PORT))
                .storagePort(pick(cassandraStoragePort, recorded, "cassandra.storage.port",
                        LocalCassandra.DEFAULT_STORAGE_PORT))
                .heap(cassandraHeap != null ? cassandraHeap
                        : recorded.getProperty("cassandra.heap", LocalCassandra.DEFAULT_HEAP))
                .build();
        return new LocalServers(kafka, cassandra);
    }

    /** Remembers the settings `up` used. */
    void record(LocalServers servers) {
        Properties properties = new Properties();
        properties.setProperty("kafka.port", Integer.toString(servers.kafka().brokerPort()));
        properties.setProperty("kafka.controller.port", Integer.toString(servers.kafka().controllerPort()));
        properties.setProperty("cassandra.port", Integer.toString(servers.cassandra().cqlPort()));
        properties.setProperty("cassandra.storage.port", Integer.toString(servers.cassandra().storagePort()));
        properties.setProperty("cassandra.heap", cassandraHeap != null ? cassandraHeap
                : recorded().getProperty("cassandra.heap", LocalCassandra.DEFAULT_HEAP));
        try {
            Files.createDirectories(workDir());
            try (Writer out = Files.newBufferedWriter(stackFile())) {
                properties.store(out, "Settings of the last `pipeline up`; options given on the command line win.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + stackFile(), e);
        }
    }

    private Properties recorded() {
        Properties properties = new Properties();
        if (Files.isRegularFile(stackFile())) {
            try (Reader in = Files.newBufferedReader(stackFile())) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + stackFile(), e);
            }
        }
        return properties;
    }

    private Path stackFile() {
        return workDir().resolve("stack.properties");
    }

    private static int pick(Integer given, Properties recorded, String key, int fallback) {
        return given != null ? given : Integer.parseInt(recorded.getProperty(key, Integer.toString(fallback)));
    }
}
