package dev.eventpipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.eventpipeline.infra.kafka.KafkaTopics;
import dev.eventpipeline.model.TableLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker-compose.yml cannot run here (no Docker engine), so guard what can be checked without one. */
class DockerComposeFileTest {

    static Path repoRoot;
    static Path infraDir;
    static JsonNode services;

    @BeforeAll
    static void parseComposeFile() throws Exception {
        repoRoot = Path.of(System.getProperty("eventpipeline.repo.root", "../..")).toAbsolutePath().normalize();
        infraDir = repoRoot.resolve("infra");
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(infraDir.resolve("docker-compose.yml").toFile());
        services = compose.get("services");
    }

    @Test
    void hasTheWholeStackAndItsInitJobs() {
        assertThat(services.fieldNames()).toIterable().containsExactlyInAnyOrder(
                "kafka", "kafka-init", "cassandra", "cassandra-init", "flink-jobmanager", "flink-taskmanager", "kafka-ui",
                "prometheus", "grafana");
        assertThat(image("kafka")).startsWith("apache/kafka:4.");
        assertThat(image("cassandra")).startsWith("cassandra:5.");
        assertThat(image("flink-jobmanager")).startsWith("flink:1.20").isEqualTo(image("flink-taskmanager"));
        assertThat(services.get("kafka").get("environment").get("KAFKA_PROCESS_ROLES").asText())
                .isEqualTo("broker,controller");
    }

    @Test
    void publishesTheSamePortsAsTheLocalStack() {
        assertThat(hostPorts("kafka")).containsExactly(LocalKafka.DEFAULT_BROKER_PORT);
        assertThat(hostPorts("cassandra")).containsExactly(LocalCassandra.DEFAULT_CQL_PORT);
        assertThat(hostPorts("flink-jobmanager")).containsExactly(8081);
        assertThat(hostPorts("kafka-ui")).containsExactly(8080);
        assertThat(hostPorts("prometheus")).containsExactly(9090);
        assertThat(hostPorts("grafana")).containsExactly(3000);
    }

    @Test
    void prometheusScrapesTheReporterBothFlinkProcessesRun() throws Exception {
        for (String flink : List.of("flink-jobmanager", "flink-taskmanager")) {
            assertThat(services.get(flink).get("environment").get("FLINK_PROPERTIES").asText()).as(flink).contains(
                    "metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
                    "metrics.reporter.prom.port: 9249");
        }
        JsonNode scrape = new ObjectMapper(new YAMLFactory()).readTree(infraDir.resolve("prometheus/prometheus.yml").toFile());
        assertThat(scrape.findValue("targets")).extracting(JsonNode::toString).asString()
                .contains("flink-jobmanager:9249", "flink-taskmanager:9249");
        assertThat(hostPaths("prometheus")).containsExactly("./prometheus/prometheus.yml");
        assertThat(hostPaths("grafana")).containsExactly("./grafana/provisioning/datasources", "./grafana/provisioning/dashboards",
                "./grafana/event-pipeline-dashboard.json");
        JsonNode datasources = new ObjectMapper(new YAMLFactory())
                .readTree(infraDir.resolve("grafana/provisioning/datasources/prometheus.yml").toFile());
        assertThat(datasources.findValue("url").asText()).isEqualTo("http://prometheus:9090");
    }

    @Test
    void initJobsUseTheRepositorysTopicAndSchemaFiles() {
        assertThat(hostPaths("kafka-init")).containsExactly("./kafka/topics.properties");
        assertThat(hostPaths("cassandra-init"))
                .containsExactly("./cassandra/schema.cql", "./cassandra/" + TableLayout.EVENT_ID.schemaFile());
        // schema.cql first: it creates the keyspace the event-id table lives in.
        assertThat(services.get("cassandra-init").get("entrypoint").toString())
                .containsSubsequence("-f /schema/schema.cql", "-f /schema/schema-event-id.cql");
        assertThat(services.get("kafka-init").get("command").toString()).contains("/config/topics.properties");
        assertThat(KafkaTopics.pipelineTopics()).isNotEmpty();
    }

    @Test
    void everyMountedHostPathExistsOrIsTheJobModulesBuildOutput() throws Exception {
        List<String> mounts = new ArrayList<>();
        services.fieldNames().forEachRemaining(service -> mounts.addAll(hostPaths(service)));
        assertThat(mounts).contains("../event-job/target/event-job.jar");

        String parentPom = Files.readString(repoRoot.resolve("pom.xml"));
        for (String mount : mounts) {
            Path hostPath = infraDir.resolve(mount).normalize();
            int target = mount.indexOf("/target/");
            if (target >= 0) {
                // A build output: its module must be part of the project (its directory, or managed in the parent POM).
                Path module = infraDir.resolve(mount.substring(0, target)).normalize();
                assertThat(Files.isDirectory(module)
                        || parentPom.contains("<artifactId>" + module.getFileName() + "</artifactId>"))
                        .as("module %s of build output %s", module, mount).isTrue();
            } else {
                assertThat(hostPath).as("mounted host path %s", mount).exists();
            }
        }
    }

    private static String image(String service) {
        return services.get(service).get("image").asText();
    }

    /** "9092:9092" → 9092 (the host side). */
    private static List<Integer> hostPorts(String service) {
        JsonNode ports = services.get(service).get("ports");
        return StreamSupport.stream(ports.spliterator(), false)
                .map(port -> Integer.parseInt(port.asText().split(":")[0]))
                .toList();
    }

    /** Bind mounts only ("./x:/y:ro"), not named volumes ("kafka-data:/var/..."). */
    private static List<String> hostPaths(String service) {
        JsonNode volumes = services.get(service).get("volumes");
        if (volumes == null) {
            return List.of();
        }
        return StreamSupport.stream(volumes.spliterator(), false)
                .map(volume -> volume.asText().split(":")[0])
                .filter(source -> source.startsWith(".") || source.startsWith("/"))
                .toList();
    }
}
