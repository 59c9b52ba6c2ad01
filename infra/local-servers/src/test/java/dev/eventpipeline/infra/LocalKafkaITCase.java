package dev.eventpipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaITCase {

    @TempDir
    static Path workDir;

    static LocalKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = LocalKafka.builder().workDir(workDir).freePorts().build();
        kafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.stop();
    }

    @Test
    void producesAndConsumesARecord() throws Exception {
        String topic = freshTopic();

        produce(topic, "user-1", "{\"event\":\"click\"}");

        assertThat(consumeAll(topic, 1)).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("user-1");
            assertThat(record.value()).isEqualTo("{\"event\":\"click\"}");
        });
    }

    @Test
    void createsThePipelineTopicsIdempotently() throws Exception {
        kafka.createPipelineTopics();
        kafka.createPipelineTopics();

        try (var admin = kafka.admin()) {
            var descriptions = admin.describeTopics(List.of("user-events", "user-events-dlq"))
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(descriptions.get("user-events").partitions()).hasSize(3);
            assertThat(descriptions.get("user-events-dlq").partitions()).hasSize(3);
        }
    }

    @Test
    void keepsRecordsAcrossAGracefulStopAndStart() throws Exception {
        String topic = freshTopic();
        produce(topic, "k", "before-stop");

        assertThat(kafka.stop()).as("stopped gracefully").isTrue();
        assertThat(kafka.isRunning()).isFalse();
        kafka.start();

        assertThat(consumeAll(topic, 1)).extracting(ConsumerRecord::value).containsExactly("before-stop");
    }

    @Test
    void comesBackAfterBeingKilled() throws Exception {
        String topic = freshTopic();
        produce(topic, "k", "before-kill");
        long killedPid = kafka.pid().orElseThrow();

        kafka.kill();
        assertThat(ProcessHandle.of(killedPid).filter(ProcessHandle::isAlive)).isEmpty();
        kafka.start();

        assertThat(kafka.pid()).isPresent().get().isNotEqualTo(killedPid);
        // acks=all on one replica: the record was in the page cache when acknowledged, so SIGKILL keeps it.
        assertThat(consumeAll(topic, 1)).extracting(ConsumerRecord::value).containsExactly("before-kill");
    }

    @Test
    void anotherInstanceOnTheSameWorkDirFindsTheRunningBroker() {
        LocalKafka sameBroker = LocalKafka.builder().workDir(workDir)
                .brokerPort(kafka.brokerPort()).controllerPort(kafka.controllerPort()).build();

        assertThat(sameBroker.isRunning()).isTrue();
        assertThat(sameBroker.pid()).isEqualTo(kafka.pid());
    }

    private static String freshTopic() {
        String topic = "test-" + UUID.randomUUID();
        kafka.createTopics(List.of(new dev.eventpipeline.infra.kafka.TopicSpec(topic, 1, (short) 1)));
        return topic;
    }

    private static void produce(String topic, String key, String value) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<ConsumerRecord<String, String>> consumeAll(String topic, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
