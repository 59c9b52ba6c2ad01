package dev.eventpipeline.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobSecretsTest {

    @Test
    void secretOptionsAfterTheDoubleDashMoveToTheEnvironment() {
        JobSecrets.Split split = JobSecrets.split(List.of("--cassandra.password", "hunter2", "--cassandra.batch.max-rows", "1",
                "--kafka.property.sasl.jaas.config=org.x required password=\"p\";", "--cassandra.password-file", "/run/pw",
                "--kafka.property.ssl.truststore.password=tpw", "--kafka.property.ssl.truststore.location", "/ts.p12"));

        assertThat(split.arguments()).containsExactly("--cassandra.batch.max-rows", "1", "--cassandra.password-file", "/run/pw",
                "--kafka.property.ssl.truststore.location", "/ts.p12");
        assertThat(String.join(" ", split.arguments())).doesNotContain("hunter2", "tpw", "required");
        assertThat(split.environment())
                .containsEntry("EVENT_PIPELINE_CASSANDRA_PASSWORD", "hunter2")
                .containsEntry("EVENT_PIPELINE_KAFKA_PROPERTY_SASL_JAAS_CONFIG", "org.x required password=\"p\";")
                .containsEntry("EVENT_PIPELINE_KAFKA_PROPERTY_SSL_TRUSTSTORE_PASSWORD", "tpw")
                .hasSize(3);
    }

    @Test
    void aSecuredStacksSettingsKeepOnlyPathsAndNamesAsArguments() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("cassandra.ssl.truststore.path", "/secure/truststore.p12");
        settings.put("cassandra.ssl.truststore.password", "storepw");
        settings.put("cassandra.username", "pipeline_writer");
        settings.put("cassandra.password", "rolepw");

        JobSecrets.Split split = JobSecrets.split(settings);

        assertThat(split.arguments()).containsExactly("--cassandra.ssl.truststore.path=/secure/truststore.p12",
                "--cassandra.username=pipeline_writer");
        assertThat(split.environment()).containsOnlyKeys("EVENT_PIPELINE_CASSANDRA_SSL_TRUSTSTORE_PASSWORD",
                "EVENT_PIPELINE_CASSANDRA_PASSWORD");
    }

    @Test
    void aSecretOptionWithoutAValueStaysForTheJobToReport() {
        assertThat(JobSecrets.split(List.of("--cassandra.password")).arguments()).containsExactly("--cassandra.password");
    }
}
