package dev.eventpipeline.job.preflight;

import dev.eventpipeline.connectors.secrets.Secrets;
import dev.eventpipeline.job.config.PipelineConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks {@code EventPipelineJob.main} runs before it builds and submits the job, so that a
 * setup the job cannot work with is refused once, with what to fix, instead of failing every task
 * and restart: the Kafka topics and the dead-letter size limit ({@link KafkaChecks}), the Cassandra
 * datacenter, table and settings ({@link CassandraChecks}). Both sides run at once; each has short
 * timeouts, and a server that does not answer is itself a problem. No password is ever printed.
 */
public final class Preflight {

    /** Longer than either side's own timeouts; reached only if a client hangs. */
    static final Duration DEADLINE = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(Preflight.class);

    private Preflight() {}

    /** Runs every check against the servers the configuration names. */
    public static PreflightReport run(PipelineConfig config) {
        return run(config, Clock.systemUTC());
    }

    static PreflightReport run(PipelineConfig config, Clock clock) {
        long started = System.nanoTime();
        CompletableFuture<PreflightReport> kafka = async("kafka",
                () -> new KafkaChecks(config.kafka(), config.deadLetters()).run());
        CompletableFuture<PreflightReport> cassandra = async("cassandra",
                () -> new CassandraChecks(config.cassandra(), OptionalInt.of(config.validation().maxRowBytes()), clock).run());
        PreflightReport.Builder all = new PreflightReport.Builder();
        all.addAll(await(kafka, "Kafka at " + config.kafka().bootstrapServers() + " (kafka.bootstrap-servers)"));
        all.addAll(await(cassandra, "Cassandra at " + String.join(",", config.cassandra().contactPoints()) + ":"
                + config.cassandra().port() + " (cassandra.contact-points, cassandra.port)"));
        PreflightReport report = redacted(all.build(), secrets(config));
        LOG.info("{} in {} ms", report.passed() ? "Start-up checks passed" : "Start-up checks failed",
                (System.nanoTime() - started) / 1_000_000);
        return report;
    }

    private static CompletableFuture<PreflightReport> async(String side, Supplier<PreflightReport> checks) {
        CompletableFuture<PreflightReport> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(checks.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "preflight-" + side);
        thread.setDaemon(true); // a hung client must not keep the JVM alive
        thread.start();
        return result;
    }

    private static PreflightReport await(CompletableFuture<PreflightReport> checks, String server) {
        try {
            return checks.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return new PreflightReport.Builder().problem(server + " did not finish the start-up checks within "
                    + DEADLINE.toSeconds() + " s: check that address, or set job.preflight=false to start without "
                    + "these checks").build();
        } catch (ExecutionException e) {
            return new PreflightReport.Builder().problem(server + ": the start-up checks failed: "
                    + KafkaChecks.messages(e.getCause())).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PreflightReport.Builder().problem(server + ": the start-up checks were interrupted").build();
        }
    }

    /**
     * The Cassandra password, the TLS store passwords and every Kafka client secret ({@link Secrets}
     * decides), however a client's error might echo them.
     */
    static List<String> secrets(PipelineConfig config) {
        List<String> secrets = new ArrayList<>();
        config.cassandra().password().ifPresent(secrets::add);
        config.cassandra().tls().truststorePassword().ifPresent(secrets::add);
        config.cassandra().tls().keystorePassword().ifPresent(secrets::add);
        secrets.addAll(Secrets.valuesIn(config.kafka().clientProperties()));
        secrets.addAll(Secrets.valuesIn(config.deadLetters().clientProperties()));
        secrets.removeIf(String::isEmpty);
        return secrets;
    }

    static PreflightReport redacted(PreflightReport report, List<String> secrets) {
        return new PreflightReport(redact(report.problems(), secrets), redact(report.skipped(), secrets));
    }

    private static List<String> redact(List<String> lines, List<String> secrets) {
        return lines.stream().map(line -> Secrets.scrub(line, secrets)).toList();
    }
}
