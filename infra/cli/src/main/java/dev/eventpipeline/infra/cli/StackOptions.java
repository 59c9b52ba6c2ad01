package dev.eventpipeline.infra.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.eventpipeline.infra.LocalCassandra;
import dev.eventpipeline.infra.LocalKafka;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.security.CassandraRole;
import dev.eventpipeline.infra.security.LocalSecurity;
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
 * Ports and {@code --secure} given to `up` are remembered in {@code <work dir>/stack.properties}, so the
 * other commands need no repeated options.
 */
public final class StackOptions {

    /** Set by infra/bin/pipeline to the repository root, so the default work dir does not depend on the cwd. */
    static final String ROOT_PROPERTY = "pipeline.root";
    private static final String SECURE_KEY = "secure";

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

    @Option(names = "--secure", negatable = true,
            description = {"TLS and authentication: Kafka SASL_SSL/SCRAM, Cassandra roles over TLS, a throwaway CA and "
                    + "generated credentials under <work dir>/secure (remembered by `up`; --no-secure: plaintext)."})
    Boolean secure;

    @Option(names = "--cassandra-heap", paramLabel = "SIZE", description = "Cassandra heap, e.g. 1g (default 1g).")
    String cassandraHeap;

    public Path workDir() {
        return (workDir != null ? workDir : Path.of(System.getProperty(ROOT_PROPERTY, "."), ".local"))
                .toAbsolutePath().normalize();
    }

    /** Whether the stack is secured: as given, else as the last `up` recorded it, else not. */
    public boolean secure() {
        return secure != null ? secure : Boolean.parseBoolean(recorded().getProperty(SECURE_KEY, "false"));
    }

    /**
     * Refuses to switch an existing stack between plaintext and secured: its Kafka storage was formatted
     * with (or without) the SCRAM users. `pipeline clean` deletes the data, and with it the old mode.
     */
    void requireModeOfExistingData() {
        boolean existing = Boolean.parseBoolean(recorded().getProperty(SECURE_KEY, "false"));
        boolean hasData = Files.exists(workDir().resolve("kafka/data/meta.properties"));
        if (hasData && existing != secure()) {
            throw new IllegalStateException("The stack in " + workDir() + " was created " + (existing ? "secured" : "plaintext")
                    + "; to switch, stop it and delete its data with `pipeline clean`, or use another --work-dir.");
        }
    }

    public LocalServers servers() {
        Properties recorded = recorded();
        LocalSecurity security = secure() ? LocalSecurity.standard() : null;
        LocalKafka kafka = LocalKafka.builder()
                .workDir(workDir())
                .security(security)
                .brokerPort(pick(kafkaPort, recorded, "kafka.port", LocalKafka.DEFAULT_BROKER_PORT))
                .controllerPort(pick(kafkaControllerPort, recorded, "kafka.controller.port",
                        LocalKafka.DEFAULT_CONTROLLER_PORT))
                .build();
        LocalCassandra cassandra = LocalCassandra.builder()
                .workDir(workDir())
                .security(security)
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
        properties.setProperty(SECURE_KEY, Boolean.toString(secure()));
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

    /** A session for reading the events table: the reader role over TLS when secured. The caller closes it. */
    static CqlSession readerSession(LocalServers servers) {
        return servers.security().isPresent() ? servers.openCassandraSession(CassandraRole.READER)
                : servers.cassandra().openSession();
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
