package dev.eventpipeline.it.support;

import dev.eventpipeline.infra.FreePortStart;
import dev.eventpipeline.infra.LocalCassandra;
import dev.eventpipeline.infra.LocalKafka;
import dev.eventpipeline.infra.LocalServer;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.security.LocalCredentials;
import dev.eventpipeline.infra.security.LocalSecurity;
import dev.eventpipeline.infra.security.OwnerOnlyFiles;
import dev.eventpipeline.infra.security.StackSecurity;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The secured Kafka and Cassandra the secured scenarios share: one pair per test JVM (started on first
 * use, on free ports, stopped and deleted when the JVM exits), with mutual TLS, SCRAM and Cassandra roles.
 *
 * <p>Its passwords are canaries: written to the stack's credentials file before the first start (the stack
 * reads that file instead of generating one), each a distinctive marker plus a random tail, so that a leak
 * test searching for them can only find them where they leaked, never by chance.
 */
public final class SecuredStack {

    /** Every password starts with this, and nothing else the tests or servers write does. */
    public static final String CANARY_PREFIX = "LeakCanary";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static LocalServers servers;

    private SecuredStack() {}

    /** The shared secured servers, with the pipeline's topics and schema and the roles' grants. */
    public static synchronized LocalServers servers() {
        if (servers == null) {
            servers = start();
        }
        return servers;
    }

    public static StackSecurity security() {
        return servers().security().orElseThrow();
    }

    public static LocalCredentials credentials() {
        return security().credentials();
    }

    /** Every secret of the stack by a name that may be printed: each user's and role's password, the stores'. */
    public static Map<String, String> secrets() {
        LocalCredentials credentials = credentials();
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("Kafka admin password", credentials.kafkaAdmin().password());
        secrets.put("Kafka pipeline password", credentials.kafkaPipeline().password());
        secrets.put("Cassandra admin password", credentials.cassandraAdmin().password());
        secrets.put("Cassandra writer password", credentials.cassandraWriter().password());
        secrets.put("Cassandra reader password", credentials.cassandraReader().password());
        secrets.put("key and trust store password", credentials.storePassword());
        return secrets;
    }

    /**
     * Writes job settings as a properties file (mode 600) into the stack's secure directory, deleted with
     * the stack: the job's {@code --config} for secrets.
     */
    public static Path writeJobConfig(String fileName, Map<String, String> settings) {
        Properties properties = new Properties();
        properties.putAll(settings);
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "job settings of a secured scenario (holds secrets)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writeSecretFile(fileName, text.toString());
    }

    /** Writes {@code content} (mode 600) into the stack's secure directory, e.g. a cassandra.password-file. */
    public static Path writeSecretFile(String fileName, String content) {
        return OwnerOnlyFiles.write(security().directory().resolve(fileName), content);
    }

    private static LocalServers start() {
        return FreePortStart.start(SecuredStack::createWorkDir, workDir -> {
            writeCanaryCredentials(workDir);
            LocalSecurity security = LocalSecurity.standard().withMutualTls();
            return new LocalServers(
                    LocalKafka.builder().workDir(workDir).freePorts().security(security).build(),
                    LocalCassandra.builder().workDir(workDir).freePorts().security(security)
                            .heap(System.getProperty(LocalServers.SHARED_CASSANDRA_HEAP_PROPERTY, LocalCassandra.DEFAULT_HEAP))
                            .build());
        }, LocalServer::deleteRecursively);
    }

    private static Path createWorkDir() {
        try {
            Path parent = Files.createDirectories(Path.of("target").toAbsolutePath());
            return Files.createTempDirectory(parent, "secured-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The credentials file the stack would generate, with canary passwords (alphanumeric, as CQL needs). */
    private static void writeCanaryCredentials(Path workDir) {
        Path directory = OwnerOnlyFiles.directory(workDir.resolve(StackSecurity.DIRECTORY));
        String text = String.join("\n",
                "kafka.admin.user=" + LocalCredentials.KAFKA_ADMIN_USER,
                "kafka.admin.password=" + canary("KafkaAdmin"),
                "kafka.pipeline.user=" + LocalCredentials.KAFKA_PIPELINE_USER,
                "kafka.pipeline.password=" + canary("KafkaPipeline"),
                "cassandra.admin.user=" + LocalCredentials.CASSANDRA_ADMIN_ROLE,
                "cassandra.admin.password=" + canary("CassandraAdmin"),
                "cassandra.writer.user=" + LocalCredentials.CASSANDRA_WRITER_ROLE,
                "cassandra.writer.password=" + canary("CassandraWriter"),
                "cassandra.reader.user=" + LocalCredentials.CASSANDRA_READER_ROLE,
                "cassandra.reader.password=" + canary("CassandraReader"),
                "stores.password=" + canary("Stores"), "");
        OwnerOnlyFiles.write(directory.resolve(StackSecurity.CREDENTIALS_FILE), text);
    }

    private static String canary(String what) {
        StringBuilder canary = new StringBuilder(CANARY_PREFIX).append(what);
        for (int i = 0; i < 12; i++) {
            canary.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return canary.toString();
    }
}
