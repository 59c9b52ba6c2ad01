package dev.eventpipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JAR for {@code flink run}: our code and the connectors inside, Flink itself left to the cluster. */
class ShadedJarITCase {

    private static List<String> entries;
    private static String mainClass;

    @BeforeAll
    static void readJar() throws IOException {
        // event-job.jar for Flink 1.20, event-job-flink2.jar for Flink 2 (the module sets job.jar.name).
        try (JarFile jar = new JarFile(Path.of("target", System.getProperty("job.jar.name", "event-job.jar")).toFile())) {
            entries = jar.stream().map(ZipEntry::getName).toList();
            mainClass = jar.getManifest().getMainAttributes().getValue("Main-Class");
        }
    }

    @Test
    void startsTheJobByDefault() {
        assertThat(mainClass).isEqualTo(EventPipelineJob.class.getName());
    }

    @Test
    void bundlesOurCodeAndTheConnectors() {
        assertThat(entries).contains(
                "dev/eventpipeline/job/EventPipelineJob.class",
                "dev/eventpipeline/connectors/cassandra/CassandraRowSink.class",
                "com/datastax/oss/driver/api/core/CqlSession.class",
                "reference.conf", // driver 4's defaults, which its configuration loader reads at start
                "dev/eventpipeline/model/json/UserEventJsonCodec.class",
                "dev/eventpipeline/transform/UserEventValidator.class",
                "org/apache/flink/connector/kafka/source/KafkaSource.class",
                "org/apache/flink/connector/kafka/sink/KafkaSink.class",
                "org/apache/flink/connector/base/DeliveryGuarantee.class",
                "org/apache/kafka/clients/consumer/KafkaConsumer.class",
                "com/fasterxml/jackson/core/JsonFactory.class");
    }

    @Test
    void bundlesFlinkConnectorCassandraOnlyWhereTheFlinkLineHasIt() {
        List<String> connector = List.of("dev/eventpipeline/connectors/cassandra/connector/ConnectorRowSink.class",
                "org/apache/flink/streaming/connectors/cassandra/AbstractCassandraTupleSink.class",
                "com/datastax/driver/core/Cluster.class");
        if (ConnectorSinks.unavailable().isEmpty()) { // Flink 1.20: cassandra.sink=connector
            assertThat(entries).containsAll(connector);
        } else { // Flink 2: built on SinkFunction, which Flink 2 removed
            assertThat(entries).noneMatch(name -> name.startsWith("com/datastax/driver/")
                    || name.startsWith("org/apache/flink/streaming/connectors/cassandra/")
                    || name.startsWith("dev/eventpipeline/connectors/cassandra/connector/"));
        }
    }

    @Test
    void leavesFlinkItselfAndLoggingToTheCluster() {
        assertThat(entries).noneMatch(name -> name.startsWith("org/apache/flink/runtime/")
                || name.startsWith("org/apache/flink/api/common/")
                || name.startsWith("org/apache/flink/streaming/api/")
                || name.startsWith("org/apache/flink/configuration/")
                || name.startsWith("org/apache/flink/client/")
                || name.startsWith("org/slf4j/")
                || name.startsWith("org/apache/logging/log4j/"));
    }

    @Test
    void carriesNoSignatureFilesAndMergesServices() {
        assertThat(entries).noneMatch(name -> name.matches("META-INF/[^/]+\\.(SF|DSA|RSA)"));
        assertThat(entries).filteredOn(name -> name.startsWith("META-INF/services/")).isNotEmpty();
    }
}
