package dev.eventpipeline.infra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Reads the job's state from the Flink REST API behind the Web UI ({@code GET /jobs/overview}). */
final class JobRest {

    /** One job's state and how many of its tasks run. */
    record JobState(String name, String state, int runningTasks, int totalTasks) {
        boolean fullyRunning() {
            return state.equals("RUNNING") && totalTasks > 0 && runningTasks == totalTasks;
        }

        @Override
        public String toString() {
            return state + (state.equals("RUNNING") ? " (" + runningTasks + "/" + totalTasks + " tasks)" : "");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI overview;

    JobRest(int webUiPort) {
        this.overview = URI.create(webUrl(webUiPort) + "/jobs/overview");
    }

    static String webUrl(int webUiPort) {
        return "http://127.0.0.1:" + webUiPort;
    }

    /** The most recently started job; empty while the REST endpoint is not up or no job was submitted. */
    Optional<JobState> current() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(overview).timeout(Duration.ofSeconds(5)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode latest = null;
            for (JsonNode job : JSON.readTree(response.body()).path("jobs")) {
                if (latest == null || job.path("start-time").asLong() > latest.path("start-time").asLong()) {
                    latest = job;
                }
            }
            return Optional.ofNullable(latest).map(job -> new JobState(job.path("name").asText(),
                    job.path("state").asText(), job.path("tasks").path("running").asInt(),
                    job.path("tasks").path("total").asInt()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception notUpYet) {
            return Optional.empty();
        }
    }
}
