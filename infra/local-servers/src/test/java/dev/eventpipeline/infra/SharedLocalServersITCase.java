package dev.eventpipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SharedLocalServersITCase {

    @Test
    void isOnePairPerJvmWithTopicsAndSchemaApplied() throws Exception {
        LocalServers servers = LocalServers.shared();

        assertThat(LocalServers.shared()).isSameAs(servers);
        assertThat(servers.bootstrapServers()).startsWith("127.0.0.1:").isNotEqualTo("127.0.0.1:9092");
        assertThat(servers.cassandraContactPoint().getPort()).isNotEqualTo(9042);
        try (var admin = servers.kafka().admin()) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .contains("user-events", "user-events-dlq");
        }
        assertThat(servers.session().getMetadata().getKeyspace("event_streaming")
                .flatMap(keyspace -> keyspace.getTable("user_events"))).isPresent();
    }

    @Test
    void truncateUserEventsEmptiesTheTable() {
        LocalServers servers = LocalServers.shared();
        servers.session().execute(SimpleStatement.newInstance(
                "INSERT INTO event_streaming.user_events (user_id, bucket_date, event_time, event_type, event_id, metadata)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                UUID.randomUUID(), LocalDate.now(), Instant.now(), "click", UUID.randomUUID(), Map.of("k", "v")));

        servers.truncateUserEvents();

        assertThat(servers.session().execute("SELECT count(*) FROM event_streaming.user_events").one().getLong(0))
                .isZero();
    }

    @Test
    void freshTopicsAreNewAndDistinct() throws Exception {
        LocalServers servers = LocalServers.shared();

        String first = servers.createFreshTopic("orders", 2);
        String second = servers.createFreshTopic("orders", 2);

        assertThat(first).startsWith("orders-").isNotEqualTo(second);
        try (var admin = servers.kafka().admin()) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(topics).contains(first, second);
            assertThat(admin.describeTopics(Set.of(first)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(first).partitions()).hasSize(2);
        }
    }

    @Test
    void recreatePipelineTopicsLeavesThemEmpty() throws Exception {
        LocalServers servers = LocalServers.shared();

        servers.recreatePipelineTopics();

        try (var admin = servers.kafka().admin()) {
            var offsets = admin.listOffsets(Map.of(
                    new org.apache.kafka.common.TopicPartition("user-events", 0),
                    org.apache.kafka.clients.admin.OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS);
            assertThat(offsets.values()).allSatisfy(info -> assertThat(info.offset()).isZero());
        }
    }
}
