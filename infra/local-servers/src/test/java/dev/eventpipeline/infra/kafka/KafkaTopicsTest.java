package dev.eventpipeline.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaTopicsTest {

    @Test
    void thePipelineNeedsTheEventTopicAndItsDeadLetterQueue() {
        assertThat(KafkaTopics.pipelineTopics()).containsExactly(
                new TopicSpec(KafkaTopics.USER_EVENTS, 3, (short) 1),
                new TopicSpec(KafkaTopics.USER_EVENTS_DLQ, 3, (short) 1));
    }

    @Test
    void rejectsAnEntryWithoutAReplicationFactor() {
        Properties properties = new Properties();
        properties.setProperty("orders", "3");

        assertThatThrownBy(() -> KafkaTopics.parse(properties))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("orders");
    }
}
