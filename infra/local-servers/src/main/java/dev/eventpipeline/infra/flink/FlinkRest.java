package dev.eventpipeline.infra.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The calls of Flink's REST API (the one behind the Web UI) that the CLI and the tests need: the jobs and
 * their task counts, job state, restarts, failure history, metrics and cancel. Works the same against a
 * MiniCluster and a session cluster.
 */
public final class FlinkRest {

    /** One job as {@code /jobs/overview} lists it: its state and how many of its tasks run. */
    public record JobOverview(String id, String name, String state, long startTime, int runningTasks, int totalTasks) {

        static JobOverview of(JsonNode job) {
            return new JobOverview(job.path("jid").asText(), job.path("name").asText(), job.path("state").asText(),
                    job.path("start-time").asLong(), job.path("tasks").path("running").asInt(),
                    job.path("tasks").path("total").asInt());
        }

        /** RUNNING with every task running (the job state alone turns RUNNING before its tasks do). */
        public boolean fullyRunning() {
            return state.equals("RUNNING") && totalTasks > 0 && runningTasks == totalTasks;
        }

        @Override
        public String toString() {
            return state + (state.equals("RUNNING") ? " (" + runningTasks + "/" + totalTasks + " tasks)" : "");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FlinkRest(URI base) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /** The REST API of a Flink on this machine whose Web UI listens on {@code webUiPort}. */
    public static FlinkRest onLocalPort(int webUiPort) {
        return new FlinkRest(URI.create(webUrl(webUiPort)));
    }

    /** The Web UI's address for a Flink on this machine, as shown to users. */
    public static String webUrl(int webUiPort) {
        return "http://127.0.0.1:" + webUiPort;
    }

    public URI base() {
        return base;
    }

    public JsonNode get(String path) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** Every job the cluster knows, as {@code /jobs/overview} lists them. */
    public List<JsonNode> jobsOverview() throws IOException {
        List<JsonNode> jobs = new ArrayList<>();
        get("/jobs/overview").path("jobs").forEach(jobs::add);
        return jobs;
    }

    /** The most recently started job; empty when none was submitted. */
    public Optional<JobOverview> latestJob() throws IOException {
        JsonNode latest = null;
        for (JsonNode job : jobsOverview()) {
            if (latest == null || job.path("start-time").asLong() > latest.path("start-time").asLong()) {
                latest = job;
            }
        }
        return Optional.ofNullable(latest).map(JobOverview::of);
    }

    /** As {@link #latestJob()}, but also empty while the REST endpoint is not up (yet): for polling. */
    public Optional<JobOverview> latestJobIfUp() {
        try {
            return latestJob();
        } catch (IOException notUpYet) {
            return Optional.empty();
        }
    }

    public String jobState(String jobId) throws IOException {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** True once every task of the job is RUNNING (the job state alone turns RUNNING before its tasks do). */
    public boolean allTasksRunning(String jobId) throws IOException {
        JsonNode job = get("/jobs/" + jobId);
        if (!"RUNNING".equals(job.path("state").asText())) {
            return false;
        }
        for (JsonNode vertex : job.path("vertices")) {
            if (!"RUNNING".equals(vertex.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    /** How many failures the job recovered from or died of, as its exception history records them. */
    public int failureCount(String jobId) throws IOException {
        JsonNode exceptions = get("/jobs/" + jobId + "/exceptions");
        return exceptions.path("exceptionHistory").path("entries").size();
    }

    /** Latest recorded failure, for messages; empty when there is none. */
    public String lastFailure(String jobId) throws IOException {
        JsonNode entries = get("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries");
        return entries.isEmpty() ? "" : entries.get(0).path("stacktrace").asText("").lines().findFirst().orElse("");
    }

    /** A job-level metric such as numRestarts; empty until the metric fetcher has it (running jobs only). */
    public OptionalLong jobMetric(String jobId, String name) throws IOException {
        JsonNode metrics = get("/jobs/" + jobId + "/metrics?get=" + encode(name));
        for (JsonNode metric : metrics) {
            if (name.equals(metric.path("id").asText())) {
                return OptionalLong.of(Math.round(Double.parseDouble(metric.path("value").asText())));
            }
        }
        return OptionalLong.empty();
    }

    /**
     * The sum over every operator and subtask of the operator metric whose name ends in {@code .<name>}
     * (operator metrics are prefixed with the operator's name), e.g. {@code eventsIn} or {@code rowCollisions};
     * per-reason counters ({@code ….reason.<REASON>.<name>}) are not part of it. Empty until reported.
     */
    public OptionalLong operatorMetricSum(String jobId, String name) throws IOException {
        long total = 0;
        boolean found = false;
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            String path = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/subtasks/metrics";
            for (JsonNode available : get(path)) {
                String id = available.path("id").asText();
                if (id.endsWith("." + name) && !id.contains(".reason.")) {
                    for (JsonNode value : get(path + "?agg=sum&get=" + encode(id))) {
                        total += Math.round(value.path("sum").asDouble());
                        found = true;
                    }
                }
            }
        }
        return found ? OptionalLong.of(total) : OptionalLong.empty();
    }

    /** A subtask metric aggregated over a vertex's subtasks (and over vertices, for an id in several). */
    public record Aggregate(double sum, double max) {

        Aggregate plus(Aggregate other) {
            return new Aggregate(sum + other.sum, Math.max(max, other.max));
        }
    }

    /**
     * Every subtask metric of the job whose id {@code wanted} accepts (ids are {@code <operator>.<group>….<name>}),
     * summed and maxed over subtasks; one request per vertex for the list and one for the values.
     */
    public Map<String, Aggregate> subtaskMetrics(String jobId, Predicate<String> wanted) throws IOException {
        Map<String, Aggregate> result = new TreeMap<>();
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            String path = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/subtasks/metrics";
            List<String> ids = new ArrayList<>();
            for (JsonNode available : get(path)) {
                String id = available.path("id").asText();
                if (wanted.test(id)) {
                    ids.add(id);
                }
            }
            if (ids.isEmpty()) {
                continue;
            }
            for (JsonNode value : get(path + "?agg=sum,max&get=" + encode(String.join(",", ids)))) {
                result.merge(value.path("id").asText(), new Aggregate(value.path("sum").asDouble(), value.path("max").asDouble()),
                        Aggregate::plus);
            }
        }
        return result;
    }

    /**
     * Triggers a checkpoint now ({@code POST /jobs/:id/checkpoints}, Flink 1.19 and later) and returns the
     * id of the request, for {@link #checkpointCompleted}.
     */
    public String triggerCheckpoint(String jobId) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId + "/checkpoints"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))).path("request-id").asText();
    }

    /** Whether the checkpoint that {@link #triggerCheckpoint} asked for has completed. */
    public boolean checkpointCompleted(String jobId, String requestId) throws IOException {
        JsonNode status = get("/jobs/" + jobId + "/checkpoints/" + requestId);
        return "COMPLETED".equals(status.path("status").path("id").asText())
                && status.path("operation").path("failure-cause").isMissingNode();
    }

    public void cancel(String jobId) throws IOException {
        send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IOException(response.request().method() + " " + response.uri() + ": HTTP "
                        + response.statusCode() + " " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
