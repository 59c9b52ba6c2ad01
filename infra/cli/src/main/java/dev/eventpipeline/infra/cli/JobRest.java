package dev.eventpipeline.infra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads the job's state and metrics from the Flink REST API behind the Web UI. */
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
    private final String base;

    JobRest(int webUiPort) {
        this.base = webUrl(webUiPort);
    }

    static String webUrl(int webUiPort) {
        return "http://127.0.0.1:" + webUiPort;
    }

    /** The most recently started job; empty while the REST endpoint is not up or no job was submitted. */
    Optional<JobState> current() {
        return latestJob().map(job -> new JobState(job.path("name").asText(), job.path("state").asText(),
                job.path("tasks").path("running").asInt(), job.path("tasks").path("total").asInt()));
    }

    /**
     * The sum over every operator and subtask of the latest job of the metric named {@code name}
     * (e.g. rowCollisions); empty while it is not reported.
     */
    OptionalLong metricSum(String name) {
        Optional<JsonNode> job = latestJob();
        if (job.isEmpty()) {
            return OptionalLong.empty();
        }
        String jobPath = "/jobs/" + job.get().path("jid").asText();
        try {
            long total = 0;
            boolean found = false;
            for (JsonNode vertex : get(jobPath).path("vertices")) {
                String metrics = jobPath + "/vertices/" + vertex.path("id").asText() + "/subtasks/metrics";
                for (JsonNode available : get(metrics)) {
                    String id = available.path("id").asText();
                    if (id.endsWith("." + name) && !id.contains(".reason.")) {
                        for (JsonNode value : get(metrics + "?agg=sum&get=" + URLEncoder.encode(id, StandardCharsets.UTF_8))) {
                            total += Math.round(value.path("sum").asDouble());
                            found = true;
                        }
                    }
                }
            }
            return found ? OptionalLong.of(total) : OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        } catch (Exception notAvailable) {
            return OptionalLong.empty();
        }
    }

    private Optional<JsonNode> latestJob() {
        try {
            JsonNode latest = null;
            for (JsonNode job : get("/jobs/overview").path("jobs")) {
                if (latest == null || job.path("start-time").asLong() > latest.path("start-time").asLong()) {
                    latest = job;
                }
            }
            return Optional.ofNullable(latest);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception notUpYet) {
            return Optional.empty();
        }
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }
}
