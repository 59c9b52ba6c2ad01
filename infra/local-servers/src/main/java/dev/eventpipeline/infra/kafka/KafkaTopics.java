package dev.eventpipeline.infra.kafka;

import dev.eventpipeline.model.kafka.UserEventRecords;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.TopicExistsException;

/** The pipeline's topic set, read from infra/kafka/topics.properties (packaged as eventpipeline/topics.properties). */
public final class KafkaTopics {

    public static final String USER_EVENTS = UserEventRecords.DEFAULT_TOPIC;
    public static final String USER_EVENTS_DLQ = UserEventRecords.DEFAULT_DEAD_LETTER_TOPIC;

    static final String RESOURCE = "eventpipeline/topics.properties";

    private KafkaTopics() {}

    /** The topics every environment needs, as in infra/kafka/topics.properties. */
    public static List<TopicSpec> pipelineTopics() {
        try (InputStream in = KafkaTopics.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("No " + RESOURCE + " on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return parse(properties);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
    }

    /** Each entry is {@code <topic> = <partitions>:<replication factor>}. */
    static List<TopicSpec> parse(Properties properties) {
        List<TopicSpec> topics = new ArrayList<>();
        for (String name : properties.stringPropertyNames()) {
            String[] value = properties.getProperty(name).trim().split(":");
            if (value.length != 2) {
                throw new IllegalArgumentException("Topic " + name + ": expected <partitions>:<replication factor>, got "
                        + properties.getProperty(name));
            }
            topics.add(new TopicSpec(name, Integer.parseInt(value[0].trim()), Short.parseShort(value[1].trim())));
        }
        topics.sort(Comparator.comparing(TopicSpec::name));
        return List.copyOf(topics);
    }

    /** Creates the topics that do not exist yet; returns the names it created. Safe to repeat. */
    public static List<String> createMissing(Admin admin, Collection<TopicSpec> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> created = new ArrayList<>();
            for (TopicSpec topic : topics) {
                if (existing.contains(topic.name())) {
                    continue;
                }
                try {
                    admin.createTopics(List.of(topic.toNewTopic())).all().get(30, TimeUnit.SECONDS);
                    created.add(topic.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e; // a concurrent creator is fine, anything else is not
                    }
                }
            }
            return created;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create topics " + topics + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }
}
