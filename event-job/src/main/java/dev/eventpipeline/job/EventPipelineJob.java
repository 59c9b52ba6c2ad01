package dev.eventpipeline.job;

import dev.eventpipeline.job.config.ConfigSources;
import dev.eventpipeline.job.config.HelpText;
import dev.eventpipeline.job.config.InvalidConfigurationException;
import dev.eventpipeline.job.config.JobSettings;
import dev.eventpipeline.job.config.PipelineConfig;
import dev.eventpipeline.job.config.JobOptions;
import dev.eventpipeline.job.preflight.Preflight;
import dev.eventpipeline.job.preflight.PreflightReport;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point: {@code flink run -c dev.eventpipeline.job.EventPipelineJob event-job.jar --config
 * job.properties}, or with {@code --local} in an embedded MiniCluster with the Web UI. Before the job
 * is built, the configuration is validated and the start-up checks ({@link Preflight}) run against
 * the servers; either refusing exits with {@link #INVALID_CONFIGURATION}.
 */
public final class EventPipelineJob {

    /** Exit status for configuration errors (and failed start-up checks), distinct from a job failure. */
    public static final int INVALID_CONFIGURATION = 2;

    private static final Logger LOG = LoggerFactory.getLogger(EventPipelineJob.class);

    private EventPipelineJob() {}

    public static void main(String[] args) throws Exception {
        Start start = prepare(args, System.getenv(), System.out, System.err);
        if (start.exitStatus() != 0) {
            System.exit(start.exitStatus()); // the only exit, here at the edge
            return;
        }
        if (start.config().isPresent()) {
            PipelineConfig config = start.config().get();
            StreamExecutionEnvironment env = environment(config.job());
            UserEventPipeline.fromConfig(config).buildOn(env);
            env.execute(config.job().name());
        }
    }

    /**
     * What {@link #main} decides before it builds the job: print the help, refuse (the
     * configuration is invalid or a start-up check failed: the reasons go to {@code err}), or run
     * with a configuration. Never exits the JVM.
     */
    public static Start prepare(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        ConfigSources sources = ConfigSources.read(args, environment);
        if (sources.helpRequested()) {
            out.println(HelpText.render("flink run -c " + EventPipelineJob.class.getName() + " event-job.jar"));
            return Start.done();
        }
        PipelineConfig config;
        try {
            config = PipelineConfig.from(sources);
        } catch (InvalidConfigurationException e) {
            err.println(e.getMessage());
            return Start.refused();
        }
        if (!config.job().preflight()) {
            LOG.info("{}=false: start-up checks skipped", JobOptions.JOB_PREFLIGHT.key());
            return Start.run(config);
        }
        PreflightReport report = Preflight.run(config);
        if (!report.passed()) {
            err.println(report.message());
            return Start.refused();
        }
        return Start.run(config);
    }

    /** The outcome of {@link #prepare}: an exit status, and the configuration to run when there is one. */
    public record Start(int exitStatus, Optional<PipelineConfig> config) {

        static Start done() {
            return new Start(0, Optional.empty());
        }

        static Start refused() {
            return new Start(INVALID_CONFIGURATION, Optional.empty());
        }

        static Start run(PipelineConfig config) {
            return new Start(0, Optional.of(config));
        }
    }

    private static StreamExecutionEnvironment environment(JobSettings job) {
        if (!job.local()) {
            return StreamExecutionEnvironment.getExecutionEnvironment();
        }
        // Loopback only and no JAR uploads unless the user's Flink configuration says otherwise.
        Configuration local = LocalClusterConfiguration.of(System.getenv(), job.localMetricsPort());
        local.addAll(UserEventPipeline.flinkConfiguration(job));
        local.set(RestOptions.PORT, job.localWebUiPort());
        return StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(local);
    }
}
