package dev.eventpipeline.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventpipeline.connectors.metrics.PipelineMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * infra/grafana/event-pipeline-dashboard.json asks only for metrics the job registers (PipelineMetrics, whose
 * every name MetricsEndpointITCase finds on a running job's endpoint), and shows what operators need.
 */
class GrafanaDashboardTest {

    private static final Pattern METRIC = Pattern.compile("\\bflink_[A-Za-z0-9_]+");

    static JsonNode dashboard;

    @BeforeAll
    static void parse() throws Exception {
        Path repoRoot = Path.of(System.getProperty("eventpipeline.repo.root", "../..")).toAbsolutePath().normalize();
        dashboard = new ObjectMapper().readTree(repoRoot.resolve("infra/grafana/event-pipeline-dashboard.json").toFile());
    }

    @Test
    void everyQueryAsksForAMetricTheJobRegisters() {
        List<String> asked = new ArrayList<>();
        for (String expression : expressions()) {
            Matcher metric = METRIC.matcher(expression);
            boolean any = false;
            while (metric.find()) {
                asked.add(metric.group());
                any = true;
            }
            assertThat(any).as("a metric in %s", expression).isTrue();
        }
        assertThat(asked).isNotEmpty().allSatisfy(name -> assertThat(PipelineMetrics.PROMETHEUS_NAMES).contains(name));
        assertThat(dashboard.path("templating").toString()).as("the job filter's query")
                .contains(PipelineMetrics.PROM_RESTARTS);
    }

    @Test
    void showsWhatTheIssueAsksFor() {
        assertThat(String.join("\n", expressions())).contains(PipelineMetrics.PROM_EVENTS_IN, PipelineMetrics.PROM_EVENTS_VALID,
                "sum by (reason) (rate(" + PipelineMetrics.PROM_EVENTS_REJECTED_BY_REASON, PipelineMetrics.PROM_ROWS_WRITTEN,
                PipelineMetrics.PROM_WRITE_FAILURES, PipelineMetrics.PROM_ROW_COLLISIONS,
                "max by (topic, partition) (" + PipelineMetrics.PROM_RECORDS_LAG + "{", PipelineMetrics.PROM_LAST_CHECKPOINT_DURATION,
                PipelineMetrics.PROM_BUFFERED_ROWS);
    }

    @Test
    void everyPanelUsesTheDataSourceVariable() {
        assertThat(dashboard.path("templating").path("list").findValuesAsText("name")).contains("datasource", "job_name");
        assertThat(dashboard.path("panels")).isNotEmpty().allSatisfy(panel -> {
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            assertThat(panel.path("targets")).isNotEmpty()
                    .allSatisfy(target -> assertThat(target.path("expr").asText()).contains("job_name=~\"$job_name\""));
        });
        assertThat(dashboard.path("uid").asText()).isEqualTo("event-pipeline");
    }

    private static List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText())));
        return expressions;
    }
}
