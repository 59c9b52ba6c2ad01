package dev.eventpipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.job.config.PipelineConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job submitted with a secret of each kind, then read back through Flink's REST API as the Web UI
 * does: its configuration ({@code execution-config.user-config}), its details and its plan hold none
 * of them. The servers it names do not exist (nothing listens on port 1): what Flink shows of a
 * submitted job does not depend on them.
 */
class JobSecretsRestITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void flinksRestApiShowsNoSecretOfTheJob(@InjectClusterClient RestClusterClient<?> client) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(JobSecretsTest.securedArguments()));
        arguments.addAll(List.of("--kafka.bootstrap-servers", "127.0.0.1:1", "--cassandra.port", "1",
                "--job.parallelism", "1", "--restart.initial-backoff", "1 min", "--restart.max-backoff", "1 min"));
        PipelineConfig config = PipelineConfig.load(arguments.toArray(String[]::new), Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        UserEventPipeline.fromConfig(config).buildOn(env);

        JobClient job = env.executeAsync(config.job().name());
        try {
            JobID id = job.getJobID();
            String configuration = get(client.getWebInterfaceURL(), "/jobs/" + id + "/config");
            String details = get(client.getWebInterfaceURL(), "/jobs/" + id);
            String plan = get(client.getWebInterfaceURL(), "/jobs/" + id + "/plan");

            assertThat(configuration).contains("\"execution-config\"", "\"user-config\"");
            assertThat(details).contains(config.job().name());
            assertThat(List.of(configuration, details, plan))
                    .allSatisfy(body -> assertThat(body).doesNotContain(JobSecretsTest.secrets()));
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    private String get(String base, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }
}
