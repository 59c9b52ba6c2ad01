package dev.eventpipeline.connectors.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.connectors.deadletter.DeadLetterSinkSettings;
import dev.eventpipeline.connectors.kafka.KafkaSourceSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"job\" password=\"scram-pass-123\";";

    @Test
    void everyPasswordTypeKafkaClientSettingIsSecret() {
        for (ConfigDef definition : List.of(ProducerConfig.configDef(), ConsumerConfig.configDef(),
                AdminClientConfig.configDef())) {
            definition.configKeys().values().stream()
                    .filter(key -> key.type == ConfigDef.Type.PASSWORD)
                    .forEach(key -> assertThat(Secrets.isSecretKey(key.name)).as(key.name).isTrue());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cassandra.password", "cassandra.ssl.truststore.password", "cassandra.ssl.keystore.password",
        "sasl.jaas.config", "ssl.key.password", "SSL.KEYSTORE.PASSWORD", "sasl.oauthbearer.client.secret", "my.api-key",
        "x.token", "basic.auth.user.info", "aws.credentials"})
    void secretKeys(String key) {
        assertThat(Secrets.isSecretKey(key)).isTrue();
        assertThat(Secrets.shown(key, "value")).isEqualTo(Secrets.REDACTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cassandra.password-file", "cassandra.ssl.truststore.path", "ssl.truststore.location",
        "cassandra.username", "security.protocol", "sasl.mechanism", "ssl.truststore.type", "kafka.topic"})
    void keysNamingWhereASecretIsOrNoSecretAreShown(String key) {
        assertThat(Secrets.isSecretKey(key)).isFalse();
        assertThat(Secrets.shown(key, "value")).isEqualTo("value");
    }

    @Test
    void findsSecretValuesAndThePasswordsInsideJaasConfigs() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("security.protocol", "SASL_SSL");
        properties.put("sasl.jaas.config", JAAS);
        properties.put("ssl.truststore.password", "trust-pass-456");
        properties.put("ssl.key.password", "");

        List<String> secrets = Secrets.valuesIn(properties);

        assertThat(secrets).containsExactlyInAnyOrder(JAAS, "scram-pass-123", "trust-pass-456");
        assertThat(Secrets.scrub("refused password=\"scram-pass-123\" and trust-pass-456 for SASL_SSL", secrets))
                .isEqualTo("refused password=\"<redacted>\" and <redacted> for SASL_SSL");
        assertThat(Secrets.scrub("config " + JAAS, secrets)).isEqualTo("config <redacted>");
        assertThat(Secrets.redacted(properties)).containsExactly(Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.jaas.config", "<redacted>"), Map.entry("ssl.truststore.password", "<redacted>"),
                Map.entry("ssl.key.password", "<redacted>"));
    }

    @Test
    void kafkaSettingsShowTheirClientPropertiesWithoutSecrets() {
        Map<String, String> properties = Map.of("security.protocol", "SASL_SSL", "sasl.jaas.config", JAAS,
                "ssl.keystore.password", "key-pass-789");

        String source = KafkaSourceSettings.builder().bootstrapServers("k:9093").clientProperties(properties).build()
                .toString();
        String deadLetters = DeadLetterSinkSettings.builder().bootstrapServers("k:9093").clientProperties(properties)
                .build().toString();

        for (String shown : List.of(source, deadLetters)) {
            assertThat(shown).contains("security.protocol=SASL_SSL", "sasl.jaas.config=<redacted>")
                    .doesNotContain("scram-pass-123", "key-pass-789", "ScramLoginModule");
        }
    }
}
