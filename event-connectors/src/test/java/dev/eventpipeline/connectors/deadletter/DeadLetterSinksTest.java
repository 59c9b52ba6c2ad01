package dev.eventpipeline.connectors.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class DeadLetterSinksTest {

    @Test
    void boundsHowLongAMissingTopicCanStallTheJob() {
        Properties properties = DeadLetterSinks.producerProperties(settings(Map.of()));

        assertThat(properties.getProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG)).isEqualTo("10000");
        assertThat(properties.getProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)).isEqualTo("30000");
        assertThat(properties.getProperty(ProducerConfig.ACKS_CONFIG)).isEqualTo("all");
        assertThat(properties.getProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isEqualTo("true");
        assertThat(properties.getProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)).isEqualTo(Integer.toString(1_000_000 + 65_536));
        assertThat(properties).doesNotContainKeys(ProducerConfig.LINGER_MS_CONFIG, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG);
        assertProducerAccepts(properties);
    }

    @Test
    void theUsersKafkaPropertiesWin() {
        Properties properties = DeadLetterSinks.producerProperties(settings(Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000",
                ProducerConfig.ACKS_CONFIG, "-1")));

        assertThat(properties.getProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG)).isEqualTo("60000");
        assertThat(properties.getProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)).isEqualTo("120000");
        assertThat(properties.getProperty(ProducerConfig.ACKS_CONFIG)).isEqualTo("-1");
        assertProducerAccepts(properties);
    }

    @Test
    void theDeliveryTimeoutCoversALongerLingerAndRequestTimeout() {
        // The producer refuses a delivery.timeout.ms below linger.ms + request.timeout.ms.
        Properties properties = DeadLetterSinks.producerProperties(settings(Map.of(
                ProducerConfig.LINGER_MS_CONFIG, "50",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "40000")));

        assertThat(properties.getProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)).isEqualTo("40050");
        assertProducerAccepts(properties);
    }

    @Test
    void buildsTheSink() {
        assertThat(DeadLetterSinks.kafka(settings(Map.of()))).isNotNull();
    }

    private static DeadLetterSinkSettings settings(Map<String, String> clientProperties) {
        return DeadLetterSinkSettings.builder()
                .bootstrapServers("127.0.0.1:9")
                .topic("user-events-dlq")
                .clientProperties(clientProperties)
                .build();
    }

    /** A real producer validates the combination; it connects to nothing until it sends. */
    private static void assertProducerAccepts(Properties sinkProperties) {
        Properties properties = new Properties();
        properties.putAll(sinkProperties);
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            assertThat(producer.metrics()).isNotEmpty();
            producer.close(Duration.ZERO);
        }
    }
}
