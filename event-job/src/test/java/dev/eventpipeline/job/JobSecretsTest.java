package dev.eventpipeline.job;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.job.config.PipelineConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.ArchivedExecutionConfig;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.jobgraph.jsonplan.JsonPlanGenerator;
import org.apache.flink.runtime.rest.util.RestMapperUtils;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * No secret of the job's configuration reaches what Flink shows of a job (REST API and Web UI: its
 * execution config with the global job parameters, its configuration, its plan), nor what the job
 * prints before it starts: help, configuration errors. The secrets are distinctive strings, one of
 * each kind.
 */
class JobSecretsTest {

    static final String CASSANDRA_PASSWORD = "Cass-pw-91a7c3";
    static final String KAFKA_PASSWORD = "Scram-pw-5d2e8f";
    static final String KAFKA_STORE_PASSWORD = "Store-pw-7b41aa";
    static final String DLQ_PASSWORD = "Dlq-pw-c09e14";

    /** A secured configuration holding one secret of each kind (no TLS files: those are opened at start). */
    static String[] securedArguments() {
        return new String[] {
            "--cassandra.username", "job", "--cassandra.password", CASSANDRA_PASSWORD,
            "--kafka.property.security.protocol", "SASL_SSL", "--kafka.property.sasl.mechanism", "SCRAM-SHA-512",
            "--kafka.property.sasl.jaas.config", jaas("job", KAFKA_PASSWORD),
            "--kafka.property.ssl.truststore.password", KAFKA_STORE_PASSWORD,
            "--dlq.property.sasl.jaas.config", jaas("dlq", DLQ_PASSWORD),
        };
    }

    static List<String> secrets() {
        return List.of(CASSANDRA_PASSWORD, KAFKA_PASSWORD, KAFKA_STORE_PASSWORD, DLQ_PASSWORD);
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    @Test
    void theJobGraphShowsNoSecret() throws Exception {
        PipelineConfig config = PipelineConfig.load(securedArguments(), Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        UserEventPipeline.fromConfig(config).buildOn(env);

        JobGraph graph = env.getStreamGraph().getJobGraph();
        ExecutionConfig executionConfig = graph.getSerializedExecutionConfig()
                .deserializeValue(getClass().getClassLoader());
        ArchivedExecutionConfig shown = executionConfig.archive(); // what /jobs/:id/config serves

        List<String> visible = new ArrayList<>();
        visible.add(String.valueOf(shown.getGlobalJobParameters()));
        visible.add(String.valueOf(executionConfig.getGlobalJobParameters().toMap()));
        visible.add(String.valueOf(graph.getJobConfiguration().toMap()));
        visible.add(String.valueOf(((Configuration) env.getConfiguration()).toMap()));
        visible.add(planJson(graph)); // what /jobs/:id/plan serves
        visible.add(graph.getName());
        for (JobVertex vertex : graph.getVertices()) {
            visible.add(vertex.getName() + " " + vertex.getOperatorDescription() + " " + vertex.getOperatorPrettyName());
        }
        assertThat(shown.getGlobalJobParameters()).isEmpty();
        assertThat(visible).allSatisfy(text -> assertThat(text).doesNotContain(secrets()));
    }

    @Test
    void theConfigurationsToStringShowsNoSecret() throws Exception {
        String shown = PipelineConfig.load(securedArguments(), Map.of()).toString();

        assertThat(shown).contains("security.protocol=SASL_SSL", "sasl.jaas.config=<redacted>", "username=job")
                .doesNotContain(secrets()).doesNotContain("ScramLoginModule");
    }

    @Test
    void helpAndConfigurationErrorsShowNoSecret() {
        List<String> withHelp = new ArrayList<>(List.of(securedArguments()));
        withHelp.add("--help");
        String help = prepare(withHelp.toArray(String[]::new)).out;
        assertThat(help).contains("--cassandra.password", "--cassandra.password-file", "dlq.property.",
                "never shown").doesNotContain(secrets());

        List<String> invalid = new ArrayList<>(List.of(securedArguments()));
        invalid.addAll(List.of("--cassandra.port", "x", "--cassandra.pasword", CASSANDRA_PASSWORD, KAFKA_PASSWORD,
                "--cassandra.ssl.keystore.password", DLQ_PASSWORD));
        Output refused = prepare(invalid.toArray(String[]::new));
        assertThat(refused.status).isEqualTo(EventPipelineJob.INVALID_CONFIGURATION);
        assertThat(refused.err).contains("cassandra.port='x'", "unknown key 'cassandra.pasword'",
                "cassandra.ssl.keystore.password is set", "argument ").doesNotContain(secrets());
        assertThat(refused.out).isEmpty();
    }

    private record Output(int status, String out, String err) {}

    private static Output prepare(String[] args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        EventPipelineJob.Start start = EventPipelineJob.prepare(args, Map.of(), new PrintStream(out, true, UTF_8),
                new PrintStream(err, true, UTF_8));
        return new Output(start.exitStatus(), out.toString(UTF_8), err.toString(UTF_8));
    }

    /**
     * The plan as the REST API serves it. Flink 1.20's generatePlan returns the JSON text, Flink 2's a
     * JobPlanInfo.Plan that the REST handler writes with this mapper; Object keeps the source the same.
     */
    private static String planJson(JobGraph graph) throws Exception {
        Object plan = JsonPlanGenerator.generatePlan(graph);
        return plan instanceof String json ? json : RestMapperUtils.getStrictObjectMapper().writeValueAsString(plan);
    }
}
