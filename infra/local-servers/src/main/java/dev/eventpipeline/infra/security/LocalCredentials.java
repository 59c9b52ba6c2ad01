package dev.eventpipeline.infra.security;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Properties;

/**
 * The secured local stack's generated secrets, kept in one properties file (mode 600): the Kafka SCRAM
 * users, the Cassandra roles and the password of every key and trust store. Generated once
 * (SecureRandom), then read back on every start, so a stack keeps its credentials across restarts.
 */
public record LocalCredentials(Credential kafkaAdmin, Credential kafkaPipeline, Credential cassandraAdmin,
        Credential cassandraWriter, Credential cassandraReader, String storePassword) {

    /** Role and user names; fixed, only the passwords are secret. */
    public static final String KAFKA_ADMIN_USER = "pipeline-admin";
    public static final String KAFKA_PIPELINE_USER = "pipeline";
    public static final String CASSANDRA_ADMIN_ROLE = "pipeline_admin";
    public static final String CASSANDRA_WRITER_ROLE = "pipeline_writer";
    public static final String CASSANDRA_READER_ROLE = "pipeline_reader";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** Reads {@code file}, or generates new credentials and writes them there first. */
    public static LocalCredentials loadOrGenerate(Path file) {
        if (!Files.isRegularFile(file)) {
            LocalCredentials generated = new LocalCredentials(
                    new Credential(KAFKA_ADMIN_USER, newPassword()), new Credential(KAFKA_PIPELINE_USER, newPassword()),
                    new Credential(CASSANDRA_ADMIN_ROLE, newPassword()), new Credential(CASSANDRA_WRITER_ROLE, newPassword()),
                    new Credential(CASSANDRA_READER_ROLE, newPassword()), newPassword());
            OwnerOnlyFiles.write(file, generated.toProperties());
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
        return new LocalCredentials(read(properties, "kafka.admin"), read(properties, "kafka.pipeline"),
                read(properties, "cassandra.admin"), read(properties, "cassandra.writer"),
                read(properties, "cassandra.reader"), required(properties, "stores.password"));
    }

    /** 24 characters of [A-Za-z0-9]: about 143 bits, and nothing that needs quoting in a config file. */
    static String newPassword() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private String toProperties() {
        Properties properties = new Properties();
        put(properties, "kafka.admin", kafkaAdmin);
        put(properties, "kafka.pipeline", kafkaPipeline);
        put(properties, "cassandra.admin", cassandraAdmin);
        put(properties, "cassandra.writer", cassandraWriter);
        put(properties, "cassandra.reader", cassandraReader);
        properties.setProperty("stores.password", storePassword);
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "Generated credentials of the secured local stack (throwaway; keep this file private)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void put(Properties properties, String prefix, Credential credential) {
        properties.setProperty(prefix + ".user", credential.user());
        properties.setProperty(prefix + ".password", credential.password());
    }

    private static Credential read(Properties properties, String prefix) {
        return new Credential(required(properties, prefix + ".user"), required(properties, prefix + ".password"));
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("The credentials file lacks " + key
                    + "; delete the secure directory to generate a new set (then recreate the stack's data)");
        }
        return value;
    }

    @Override
    public String toString() {
        return "LocalCredentials (passwords hidden)";
    }
}
