package dev.eventpipeline.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.connectors.metrics.PipelineMetrics;
import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.generate.EventGenerator;
import dev.eventpipeline.infra.generate.PayloadLimits;
import dev.eventpipeline.infra.process.ListeningSockets;
import dev.eventpipeline.infra.process.Ports;
import dev.eventpipeline.infra.process.ServerProcess;
import dev.eventpipeline.infra.process.Wait;
import dev.eventpipeline.job.config.JobOptions;
import dev.eventpipeline.model.RejectReason;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local job's Prometheus endpoint, scraped while the job runs (the CLI's child JVM, as `pipeline run` starts
 * it) against the shared test servers: its counters equal what was sent, each partition's lag was above 0 (the
 * events were all there before the job started, and a poll takes at most {@value #MAX_POLL_RECORDS} of a
 * partition's) and ends at 0. Then `status` shows the same job's activity.
 */
class MetricsEndpointITCase {

    private static final int EVENTS = 1500;
    private static final int MAX_POLL_RECORDS = 100;
    private static final Duration DEADLINE = Duration.ofMinutes(6);

    @TempDir
    Path workDir;

    @Test
    void theEndpointCountsWhatWasSentAndEachPartitionsLag() throws Exception {
        LocalServers servers = LocalServers.shared();
        String topic = servers.createFreshTopic("metrics-events", 3);
        String deadLetterTopic = servers.createFreshTopic("metrics-dlq", 3);
        EventGenerator generator = EventGenerator.settings().users(300).invalidFraction(0.05).seed(13)
                .limits(PayloadLimits.EVERY_REASON).generator();
        EventSender.Report sent = new EventSender(servers.kafkaClientProperties(), topic)
                .send(generator, EVENTS, 0, false, new StatusLine(new PrintWriter(new StringWriter()), false), new AtomicBoolean());
        assertThat(sent.sent()).isEqualTo(EVENTS);
        assertThat(sent.invalidSent()).isPositive();
        Map<TopicPartition, Long> endOffsets = endOffsets(servers, topic);
        assertThat(endOffsets).hasSize(3).allSatisfy((partition, end) -> assertThat(end).isGreaterThan(MAX_POLL_RECORDS));

        int[] ports = Ports.freePorts(2);
        LocalJobOptions options = new LocalJobOptions();
        options.webUiPort = ports[0];
        options.metricsPort = ports[1];
        options.jobHeap = "768m";
        List<String> arguments = new ArrayList<>(List.of(
                "--" + JobOptions.KAFKA_TOPIC.key(), topic,
                "--" + JobOptions.DLQ_TOPIC.key(), deadLetterTopic,
                "--" + JobOptions.KAFKA_GROUP_ID.key(), "metrics-it-" + UUID.randomUUID(),
                "--" + JobOptions.KAFKA_STARTING_OFFSETS.key(), "earliest",
                "--" + JobOptions.CHECKPOINT_INTERVAL.key(), "2 s",
                "--kafka.property.max.poll.records", Integer.toString(MAX_POLL_RECORDS),
                // records-lag-max over the whole run (Kafka's window is 2 x 30 s), so the start's lag is still seen.
                "--kafka.property.metrics.sample.window.ms", "600000"));
        arguments.addAll(PayloadLimits.EVERY_REASON.jobArguments());
        LocalJob local = new LocalJob(workDir);
        local.requireStartable(options);
        ServerProcess job = local.start(servers, options, arguments);
        try {
            local.awaitRunning(job, options.webUiPort, new StatusLine(new PrintWriter(new StringWriter()), false));

            // Flink's reporter keeps [a-zA-Z0-9:_] in label values and writes '_' for anything else.
            String topicLabel = topic.replaceAll("[^a-zA-Z0-9:_]", "_");
            AtomicReference<PrometheusText> scraped = new AtomicReference<>();
            Set<String> partitionsSeenLagging = new HashSet<>();
            Wait.until("every event counted and no partition lagging", DEADLINE, () -> {
                PrometheusText metrics = PrometheusText.parse(httpGet(LocalJob.metricsUrl(options.metricsPort)));
                scraped.set(metrics);
                metrics.named(PipelineMetrics.PROM_RECORDS_LAG).stream().filter(sample -> sample.value() > 0)
                        .forEach(sample -> partitionsSeenLagging.add(sample.labels().get("partition")));
                List<PrometheusText.Sample> lag = metrics.named(PipelineMetrics.PROM_RECORDS_LAG).stream()
                        .filter(sample -> topicLabel.equals(sample.labels().get("topic"))).toList();
                return metrics.sum(PipelineMetrics.PROM_EVENTS_IN) == EVENTS
                        && metrics.sum(PipelineMetrics.PROM_ROWS_WRITTEN) == sent.validSent()
                        && lag.size() == 3 && lag.stream().allMatch(sample -> sample.value() == 0);
            });
            PrometheusText metrics = scraped.get();

            assertThat(metrics.sum(PipelineMetrics.PROM_EVENTS_IN)).isEqualTo(EVENTS);
            assertThat(metrics.sum(PipelineMetrics.PROM_EVENTS_VALID)).isEqualTo(sent.validSent());
            assertThat(metrics.sum(PipelineMetrics.PROM_EVENTS_REJECTED)).isEqualTo(sent.invalidSent());
            for (RejectReason reason : RejectReason.values()) {
                assertThat(metrics.sum(PipelineMetrics.PROM_EVENTS_REJECTED_BY_REASON, labels -> reason.name().equals(labels.get("reason"))))
                        .as("dead letters of reason %s", reason).isEqualTo(sent.invalidByReason().getOrDefault(reason, 0L).doubleValue());
            }
            assertThat(sent.invalidByReason()).hasSizeGreaterThan(5);
            assertThat(metrics.sum(PipelineMetrics.PROM_ROWS_WRITTEN)).isEqualTo(sent.validSent());
            assertThat(metrics.sum(PipelineMetrics.PROM_WRITE_FAILURES)).isZero();
            assertThat(metrics.sum(PipelineMetrics.PROM_NUM_RECORDS_OUT, labels -> labels.get("operator_name").contains("dead_letters")))
                    .as("dead letters written").isEqualTo(sent.invalidSent());

            // Lag: one gauge per partition, at 0 now; the largest over the run was above 0 on every partition.
            for (TopicPartition partition : endOffsets.keySet()) {
                Map<String, String> of = Map.of("topic", topicLabel, "partition", Integer.toString(partition.partition()));
                assertThat(metrics.named(PipelineMetrics.PROM_RECORDS_LAG)).filteredOn(sample -> sample.labels().entrySet().containsAll(of.entrySet()))
                        .singleElement().satisfies(sample -> assertThat(sample.value()).isZero());
                assertThat(metrics.named(PipelineMetrics.PROM_RECORDS_LAG_MAX)).filteredOn(sample -> sample.labels().entrySet().containsAll(of.entrySet()))
                        .singleElement().satisfies(sample -> assertThat(sample.value()).isGreaterThanOrEqualTo(1));
                assertThat(metrics.named(PipelineMetrics.PROM_CURRENT_OFFSET)).filteredOn(sample -> sample.labels().entrySet().containsAll(of.entrySet()))
                        .singleElement().satisfies(sample -> assertThat(sample.value()).isEqualTo(endOffsets.get(partition) - 1));
            }
            assertThat(metrics.sum(PipelineMetrics.PROM_PENDING_RECORDS)).isZero();
            // Everything the dashboard may ask for is there.
            assertThat(metrics.samples().stream().map(PrometheusText.Sample::name).distinct())
                    .containsAll(PipelineMetrics.PROMETHEUS_NAMES);

            // The endpoint listens on loopback only, like the rest of the local job.
            assertThat(ListeningSockets.of(List.of(job.pid()))).anySatisfy(socket -> assertThat(socket.port()).isEqualTo(options.metricsPort));
            assertThat(ListeningSockets.beyondLoopback(List.of(job.pid()))).isEmpty();

            // `status`: the same job's activity from the REST API, once a checkpoint completed.
            LocalJob.Endpoints endpoints = local.endpoints().orElseThrow();
            assertThat(endpoints).isEqualTo(new LocalJob.Endpoints(options.webUiPort, options.metricsPort));
            AtomicReference<List<String>> status = new AtomicReference<>();
            Wait.until("status with rates and a checkpoint", DEADLINE, () -> {
                status.set(StatusCommand.activity(endpoints, ""));
                String text = String.join("\n", status.get());
                return text.contains("last checkpoint #") && text.contains("(total 0)");
            });
            String text = String.join("\n", status.get());
            assertThat(text).contains("metrics (Prometheus) " + LocalJob.metricsUrl(options.metricsPort), "RUNNING", "(total 0)")
                    .containsPattern("lag \\S+\\[0] 0, \\S+\\[1] 0, \\S+\\[2] 0 ");
            // Rates are meters over the last minute: the numbers depend on timing, their lines do not.
            assertThat(text).containsPattern("in [0-9.,]+ events/s   rows [0-9.,]+/s   dead letters [0-9.,]+/s");
        } finally {
            job.stop(LocalJob.STOP_TIMEOUT);
        }
        assertThat(job.isAlive()).isFalse();
    }

    private static Map<TopicPartition, Long> endOffsets(LocalServers servers, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(servers.kafkaClientProperties(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(30));
        }
    }

    private static String httpGet(String url) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(url).isEqualTo(200);
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
