package dev.eventpipeline.job.testing;

import dev.eventpipeline.infra.LocalServers;
import dev.eventpipeline.infra.generate.HostilePayloads;
import org.apache.flink.api.common.JobExecutionResult;
import dev.eventpipeline.job.UserEventPipeline;
import dev.eventpipeline.job.config.InvalidConfigurationException;
import dev.eventpipeline.job.config.PipelineConfig;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Configures the real pipeline against {@link LocalServers} for a test's own topics. */
public final class TestPipelines {

    private TestPipelines() {}

    /** Arguments pointing the job at the servers and topics, plus any extra {@code --key value}s. */
    public static String[] arguments(LocalServers servers, String topic, String deadLetterTopic, String... extra) {
        InetSocketAddress cassandra = servers.cassandraContactPoint(); // the nodes share its port
        List<String> args = new ArrayList<>(List.of(
                "--kafka.bootstrap-servers", servers.bootstrapServers(),
                "--kafka.topic", topic,
                "--kafka.group-id", "test-" + topic,
                "--kafka.starting-offsets", "earliest",
                "--dlq.topic", deadLetterTopic,
                "--cassandra.contact-points", servers.cassandraContactPointHosts(),
                "--cassandra.port", Integer.toString(cassandra.getPort()),
                "--cassandra.local-datacenter", servers.cassandraLocalDatacenter(),
                "--checkpoint.interval", "1 s"));
        // The limits under which HostilePayloads.oneOfEachReason() is refused for every reason it holds.
        args.addAll(HostilePayloads.ONE_OF_EACH_REASON_LIMITS.jobArguments());
        args.addAll(Arrays.asList(extra));
        return args.toArray(String[]::new);
    }

    public static PipelineConfig config(String[] arguments) {
        try {
            return PipelineConfig.load(arguments, Map.of());
        } catch (InvalidConfigurationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Runs the bounded pipeline to its end with Kryo forbidden and restarts off, so that a
     * generic type or any exception on the way fails the test instead of being retried.
     */
    public static JobExecutionResult runToEnd(String[] arguments) throws Exception {
        String[] bounded = Arrays.copyOf(arguments, arguments.length + 2);
        bounded[arguments.length] = "--kafka.bounded";
        bounded[arguments.length + 1] = "true";
        PipelineConfig config = config(bounded);
        return runToEnd(UserEventPipeline.fromConfig(config), config.job().name());
    }

    /** Runs a bounded {@code pipeline} (e.g. on a test source) to its end, as strictly as {@link #runToEnd(String[])}. */
    public static JobExecutionResult runToEnd(UserEventPipeline pipeline, String jobName) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        pipeline.buildOn(env);
        Configuration strict = new Configuration();
        strict.set(org.apache.flink.configuration.PipelineOptions.GENERIC_TYPES, false);
        strict.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        env.configure(strict);
        return env.execute(jobName);
    }
}
