package dev.eventpipeline.connectors.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class DeadLetterSinksTest {

    @Test
    void boundsHowLongAMissingTopicCanStallTheJob() {
        Properties properties = DeadLetterSinks.producerProperties(settings(Map.of()));

        assertThat(properties.getProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG)).isEqualTo("10000");
        // 30 s, or the least the client accepts (linger.ms + request.timeout.ms): kafka-clients 3.x (Flink 1.20's
        // connector) defaults linger.ms to 0, giving 30000; 4.x (Flink 2's) to 5 ms, giving 30005.
        long lingerDefault = ((Number) ProducerConfig.configDef().defaultValues().get(ProducerConfig.LINGER_MS_CONFIG)).longValue();
        assertThat(Long.parseLong(properties.getProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)))
                .isEqualTo(Math.max(30_000, lingerDefault + 30_000));
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
    void buildsAnAtLeastOnceSinkByDefault() throws Exception {
        KafkaSink<DeadLetter> sink = DeadLetterSinks.kafka(settings(Map.of()));

        assertThat(field(sink, "deliveryGuarantee")).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
    }

    @Test
    void exactlyOnceBuildsATransactionalSinkWithThePrefixAndTimeout() throws Exception {
        DeadLetterSinkSettings settings = exactlyOnce(Map.of())
                .transactionTimeout(Duration.ofMinutes(5))
                .transactionalIdPrefix("job-a-dlq")
                .build();

        KafkaSink<DeadLetter> sink = DeadLetterSinks.kafka(settings);

        assertThat(field(sink, "deliveryGuarantee")).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(field(sink, "transactionalIdPrefix")).isEqualTo("job-a-dlq");
        Properties config = (Properties) field(sink, "kafkaProducerConfig");
        assertThat(config.getProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG)).isEqualTo("300000");
    }

    @Test
    void exactlyOnceAlwaysSetsTheTransactionTimeoutBecauseTheSinksOwnDefaultIsRefusedByBrokers() throws Exception {
        // Without it the sink's builder asks for 1 h; a default broker's transaction.max.timeout.ms is 15 min.
        Properties properties = DeadLetterSinks.producerProperties(exactlyOnce(Map.of()).build());

        assertThat(properties.getProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG)).isEqualTo("900000");
        assertThat(DeadLetterSinks.producerProperties(settings(Map.of())))
                .doesNotContainKey(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
    }

    @Test
    void exactlyOnceForcesWhatTransactionsNeed() {
        Properties properties = DeadLetterSinks.producerProperties(exactlyOnce(Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false",
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "mine",
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "3600000")).build());

        assertThat(properties.getProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isEqualTo("true");
        assertThat(properties.getProperty(ProducerConfig.ACKS_CONFIG)).isEqualTo("all");
        assertThat(properties.getProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG)).isEqualTo("900000");
        assertThat(properties).doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        // The sink adds a transactional id per checkpoint; a producer with one accepts these settings.
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "job-a-dlq-0-1");
        assertProducerAccepts(properties);
    }

    @Test
    void theDefaultPrefixIsTheJobNameAndTopic() {
        assertThat(exactlyOnce(Map.of()).build().transactionalIdPrefix()).isEqualTo("event-pipeline-user-events-dlq");
        assertThat(DeadLetterSinkSettings.transactionalIdPrefix("job-a", "dlq-a")).isEqualTo("job-a-dlq-a");
    }

    @Test
    void refusesAPrefixOrTimeoutKafkaCannotCarry() {
        String longest = "x".repeat(DeadLetterSinkSettings.MAX_TRANSACTIONAL_ID_PREFIX_BYTES);
        assertThat(exactlyOnce(Map.of()).transactionalIdPrefix(longest).build().transactionalIdPrefix()).hasSize(32_728);
        // The refused rows' sink appends "-refused", the Kafka sink "-<subtask>-<checkpoint id>" (at most 31):
        // the longest prefix accepted must still make an id Kafka's protocol carries (32,767 bytes).
        assertThat(DeadLetterSinkSettings.MAX_TRANSACTIONAL_ID_PREFIX_BYTES
                + DeadLetterSinkSettings.REFUSED_ROWS_SUFFIX.length() + 31).isEqualTo(32_767);
        assertThatThrownBy(() -> exactlyOnce(Map.of()).transactionalIdPrefix(longest + "x").build())
                .hasMessageContaining("transactional id prefix must be 1 to 32728 UTF-8 bytes");
        assertThatThrownBy(() -> exactlyOnce(Map.of()).transactionalIdPrefix(" ").build())
                .hasMessageContaining("transactional id prefix");
        assertThatThrownBy(() -> exactlyOnce(Map.of()).transactionTimeout(Duration.ofDays(25)).build())
                .hasMessageContaining("transaction timeout must be from 1 s to 2147483647 ms");
    }

    private static DeadLetterSinkSettings settings(Map<String, String> clientProperties) {
        return DeadLetterSinkSettings.builder()
                .bootstrapServers("127.0.0.1:9")
                .topic("user-events-dlq")
                .clientProperties(clientProperties)
                .build();
    }

    private static ImmutableDeadLetterSinkSettings.Builder exactlyOnce(Map<String, String> clientProperties) {
        return DeadLetterSinkSettings.builder()
                .bootstrapServers("127.0.0.1:9")
                .topic("user-events-dlq")
                .deliveryGuarantee(DeadLetterGuarantee.EXACTLY_ONCE)
                .clientProperties(clientProperties);
    }

    /** What the sink was built with: KafkaSink keeps it private, and only its writers read it. */
    private static Object field(KafkaSink<?> sink, String name) throws ReflectiveOperationException {
        Field field = KafkaSink.class.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(sink);
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
