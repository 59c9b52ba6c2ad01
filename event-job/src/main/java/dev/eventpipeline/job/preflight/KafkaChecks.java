package dev.eventpipeline.job.preflight;

import dev.eventpipeline.connectors.deadletter.DeadLetterGuarantee;
import dev.eventpipeline.connectors.deadletter.DeadLetterSinkSettings;
import dev.eventpipeline.connectors.kafka.KafkaSourceSettings;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.flink.util.TimeUtils;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka side of the start-up checks, with the job's bootstrap servers and kafka.property.*
 * client properties (security protocol, SASL, TLS) and short timeouts: the source and dead-letter
 * topics exist, and a dead letter of dlq.max-record-bytes fits the dead-letter topic's effective
 * max.message.bytes (its own setting, or the broker's message.max.bytes); with exactly-once dead
 * letters, every broker's transaction.max.timeout.ms allows dlq.transaction-timeout.
 */
final class KafkaChecks {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The broker setting that bounds a producer's transaction.timeout.ms (15 min by default). */
    static final String TRANSACTION_MAX_TIMEOUT_MS = "transaction.max.timeout.ms";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaChecks.class);

    private final KafkaSourceSettings source;
    private final DeadLetterSinkSettings deadLetters;

    KafkaChecks(KafkaSourceSettings source, DeadLetterSinkSettings deadLetters) {
        this.source = source;
        this.deadLetters = deadLetters;
    }

    PreflightReport run() {
        PreflightReport.Builder report = new PreflightReport.Builder();
        Admin admin;
        try {
            admin = Admin.create(properties());
        } catch (RuntimeException e) { // e.g. no resolvable bootstrap address
            return report.problem("kafka.bootstrap-servers=" + source.bootstrapServers() + ": no Kafka client could "
                    + "be created (" + messages(e) + "): fix kafka.bootstrap-servers and kafka.property.*").build();
        }
        try {
            checkTopics(admin, report);
            if (deadLetters.deliveryGuarantee() == DeadLetterGuarantee.EXACTLY_ONCE) {
                checkTransactionTimeout(admin, report);
            }
        } catch (Unreachable e) {
            report.problem(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report.problem("the Kafka checks were interrupted");
        } finally {
            admin.close(Duration.ofSeconds(2));
        }
        return report.build();
    }

    private void checkTopics(Admin admin, PreflightReport.Builder report) throws Unreachable, InterruptedException {
        Map<String, KafkaFuture<TopicDescription>> topics = admin.describeTopics(
                        List.of(source.topic(), deadLetters.topic()),
                        new DescribeTopicsOptions().timeoutMs(Math.toIntExact(TIMEOUT.toMillis())))
                .topicNameValues();
        boolean sourceExists = exists(topics.get(source.topic()), source.topic(), "kafka.topic", "Read", report);
        boolean deadLettersExist = source.topic().equals(deadLetters.topic())
                ? sourceExists
                : exists(topics.get(deadLetters.topic()), deadLetters.topic(), "dlq.topic", "Write", report);
        if (deadLettersExist) {
            maxMessageBytes(admin, report).ifPresent(limit -> SizeLimitChecks
                    .deadLetters(deadLetters.topic(), deadLetters.maxRecordBytes(), limit)
                    .ifPresent(report::problem));
        }
    }

    private boolean exists(KafkaFuture<TopicDescription> description, String topic, String key, String operation,
            PreflightReport.Builder report) throws Unreachable, InterruptedException {
        try {
            description.get(TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnknownTopicOrPartitionException) {
                report.problem((key.equals("dlq.topic") ? "dead-letter topic " : "topic ") + topic + " does not exist ("
                        + key + "): create it (infra/kafka/topics.properties lists the pipeline's topics; pipeline up "
                        + "creates them) or set " + key);
            } else if (cause instanceof AuthorizationException) {
                report.problem("Kafka refused to describe topic " + topic + " (" + key + "): " + cause.getMessage()
                        + ": grant the job's principal " + operation + " on it (that includes Describe)");
            } else {
                throw unreachable(cause);
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw unreachable(e);
        }
        return false;
    }

    /** The dead-letter topic's effective max.message.bytes; empty (check skipped) if Kafka does not say. */
    private Optional<Long> maxMessageBytes(Admin admin, PreflightReport.Builder report)
            throws Unreachable, InterruptedException {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, deadLetters.topic());
        try {
            Config config = admin.describeConfigs(List.of(topic),
                            new DescribeConfigsOptions().timeoutMs(Math.toIntExact(TIMEOUT.toMillis())))
                    .values().get(topic).get(TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            ConfigEntry entry = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            if (entry == null || entry.value() == null) {
                return skip(report, "Kafka shows no max.message.bytes for topic " + deadLetters.topic());
            }
            return Optional.of(Long.parseLong(entry.value().trim()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthorizationException) {
                return skip(report, "Kafka refused to describe the configuration of topic " + deadLetters.topic() + " ("
                        + e.getCause().getMessage() + ")");
            }
            throw unreachable(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw unreachable(e);
        } catch (NumberFormatException e) {
            return skip(report, "Kafka shows an unreadable max.message.bytes for topic " + deadLetters.topic());
        }
    }

    /**
     * A broker refuses to start a transaction whose timeout exceeds its transaction.max.timeout.ms
     * (InvalidTxnTimeoutException at the producer's first transaction, in every TaskManager, on every
     * restart). The transaction coordinator can be any broker, so each one is asked.
     */
    private void checkTransactionTimeout(Admin admin, PreflightReport.Builder report)
            throws Unreachable, InterruptedException {
        Collection<Node> nodes;
        try {
            nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(Math.toIntExact(TIMEOUT.toMillis())))
                    .nodes().get(TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unreachable(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw unreachable(e);
        }
        List<ConfigResource> brokers = nodes.stream()
                .map(node -> new ConfigResource(ConfigResource.Type.BROKER, node.idString()))
                .toList();
        Map<ConfigResource, KafkaFuture<Config>> configs = admin.describeConfigs(brokers,
                new DescribeConfigsOptions().timeoutMs(Math.toIntExact(TIMEOUT.toMillis()))).values();
        long wanted = deadLetters.transactionTimeout().toMillis();
        long lowest = Long.MAX_VALUE;
        String lowestBroker = null;
        for (ConfigResource broker : brokers) {
            long limit;
            try {
                ConfigEntry entry = configs.get(broker).get(TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS)
                        .get(TRANSACTION_MAX_TIMEOUT_MS);
                if (entry == null || entry.value() == null) {
                    skipTransactionCheck(report, "Kafka shows no " + TRANSACTION_MAX_TIMEOUT_MS + " for broker "
                            + broker.name());
                    return;
                }
                limit = Long.parseLong(entry.value().trim());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof AuthorizationException) {
                    skipTransactionCheck(report, "Kafka refused to describe the configuration of broker " + broker.name()
                            + " (" + e.getCause().getMessage() + "; it needs DescribeConfigs on the cluster)");
                    return;
                }
                throw unreachable(e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                throw unreachable(e);
            } catch (NumberFormatException e) {
                skipTransactionCheck(report, "Kafka shows an unreadable " + TRANSACTION_MAX_TIMEOUT_MS + " for broker "
                        + broker.name());
                return;
            }
            if (limit < lowest) {
                lowest = limit;
                lowestBroker = broker.name();
            }
        }
        if (lowestBroker != null && wanted > lowest) {
            report.problem("dlq.transaction-timeout=" + TimeUtils.formatWithHighestUnit(deadLetters.transactionTimeout())
                    + " (" + wanted + " ms) exceeds " + TRANSACTION_MAX_TIMEOUT_MS + "=" + lowest + " of broker "
                    + lowestBroker + ", so Kafka would refuse every transaction of the dead-letter producer: lower "
                    + "dlq.transaction-timeout to at most " + TimeUtils.formatWithHighestUnit(Duration.ofMillis(lowest))
                    + " or raise the brokers' " + TRANSACTION_MAX_TIMEOUT_MS);
        }
    }

    private void skipTransactionCheck(PreflightReport.Builder report, String why) {
        String reason = why + ": the check of dlq.transaction-timeout="
                + TimeUtils.formatWithHighestUnit(deadLetters.transactionTimeout()) + " against it is skipped";
        LOG.warn("Start-up check skipped: {}", reason);
        report.skipped(reason);
    }

    private Optional<Long> skip(PreflightReport.Builder report, String why) {
        String reason = why + ": the check of dlq.max-record-bytes=" + deadLetters.maxRecordBytes()
                + " against it is skipped";
        LOG.warn("Start-up check skipped: {}", reason);
        report.skipped(reason);
        return Optional.empty();
    }

    private Unreachable unreachable(Throwable cause) {
        if (cause instanceof AuthenticationException) {
            return new Unreachable("Kafka at " + source.bootstrapServers() + " (kafka.bootstrap-servers) refused the "
                    + "connection: " + messages(cause) + ": fix kafka.property.security.protocol and the "
                    + "kafka.property.sasl.* / kafka.property.ssl.* settings");
        }
        return new Unreachable("Kafka at " + source.bootstrapServers() + " (kafka.bootstrap-servers) did not answer "
                + "within " + TIMEOUT.toSeconds() + " s (" + messages(cause) + "): start it or fix "
                + "kafka.bootstrap-servers (and kafka.property.security.protocol if it needs TLS or SASL), or set "
                + "job.preflight=false to start without these checks");
    }

    private Properties properties() {
        Properties properties = new Properties();
        properties.putAll(source.clientProperties()); // security.protocol, sasl.*, ssl.*: as the job connects
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, source.bootstrapServers());
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "event-pipeline-preflight");
        int timeout = Math.toIntExact(TIMEOUT.toMillis());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(timeout));
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(timeout / 2));
        properties.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Integer.toString(timeout / 2));
        properties.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Integer.toString(timeout / 2));
        return properties;
    }

    /** The messages of an exception and its causes, once each. */
    static String messages(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return text.toString();
    }

    /** Kafka could not be asked at all: one problem instead of one per topic. */
    private static final class Unreachable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreachable(String message) {
            super(message);
        }
    }
}
