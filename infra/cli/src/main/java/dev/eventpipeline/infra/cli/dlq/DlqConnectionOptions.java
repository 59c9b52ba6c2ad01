package dev.eventpipeline.infra.cli.dlq;

import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.cli.StackOptions;
import dev.eventpipeline.infra.process.Ports;
import dev.eventpipeline.job.config.InvalidConfigurationException;
import dev.eventpipeline.job.config.PipelineConfig;
import dev.eventpipeline.model.kafka.UserEventRecords;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Which Kafka the dlq commands read and write, and how they log in. With {@code --config} or
 * {@code --bootstrap-servers} the job's own configuration is read as the job reads it ({@link PipelineConfig}: the
 * file, then EVENT_PIPELINE_* variables, then these options), and its {@code kafka.bootstrap-servers},
 * {@code kafka.property.*} (security), {@code kafka.topic} and {@code dlq.topic} are used. Without either, the
 * local stack (as the pipeline's user when it is secured).
 */
public final class DlqConnectionOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,…]",
            description = "Another Kafka than the local stack's (overrides kafka.bootstrap-servers of --config).")
    String bootstrapServers;

    @Option(names = "--config", paramLabel = "FILE",
            description = {"The job's properties file: its kafka.bootstrap-servers, kafka.property.* (security.protocol, "
                    + "sasl.*, ssl.*), kafka.topic and dlq.topic are used; EVENT_PIPELINE_* variables apply as for the job. "
                    + "Secrets are never printed."})
    Path config;

    @Option(names = "--dlq-topic", paramLabel = "TOPIC",
            description = "The dead-letter topic (default: dlq.topic of --config, else user-events-dlq).")
    String deadLetterTopic;

    @Mixin
    StackOptions stack;

    /** What the options point at. */
    public record Connection(String bootstrapServers, Map<String, Object> clientProperties, String sourceTopic,
            String deadLetterTopic, String security) {
        /** For messages: the servers, the topic and the security protocol, never a secret. */
        public String describe() {
            return deadLetterTopic + " at " + bootstrapServers + (security == null ? "" : " (" + security + ")");
        }
    }

    public Connection connection() {
        return connection(System.getenv());
    }

    Connection connection(Map<String, String> environment) {
        if (config == null && bootstrapServers == null) {
            LocalServers servers = stack.servers();
            if (!Ports.isListening(servers.kafka().brokerPort())) {
                throw new IllegalStateException("Kafka is not running at " + servers.bootstrapServers() + "; start the "
                        + "local stack with `pipeline up`, or give --bootstrap-servers or --config for another cluster.");
            }
            Map<String, Object> client = servers.kafkaClientProperties(); // as the pipeline's user when secured
            return new Connection(servers.bootstrapServers(), client, UserEventRecords.DEFAULT_TOPIC,
                    deadLetterTopic != null ? deadLetterTopic : UserEventRecords.DEFAULT_DEAD_LETTER_TOPIC,
                    (String) client.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG));
        }
        List<String> arguments = new ArrayList<>();
        if (config != null) {
            arguments.addAll(List.of("--config", config.toString()));
        }
        if (bootstrapServers != null) {
            arguments.addAll(List.of("--kafka.bootstrap-servers", bootstrapServers));
        }
        PipelineConfig job;
        try {
            job = PipelineConfig.load(arguments.toArray(String[]::new), environment);
        } catch (InvalidConfigurationException e) {
            throw new IllegalArgumentException("the job's configuration is not valid: " + e.getMessage(), e);
        }
        Map<String, Object> client = new HashMap<>(job.kafka().clientProperties());
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, job.kafka().bootstrapServers());
        return new Connection(job.kafka().bootstrapServers(), client, job.kafka().topic(),
                deadLetterTopic != null ? deadLetterTopic : job.deadLetters().topic(),
                (String) client.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG));
    }
}
