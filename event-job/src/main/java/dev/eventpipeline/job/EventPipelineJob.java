package dev.eventpipeline.job;

import dev.eventpipeline.job.config.ConfigSources;
import dev.eventpipeline.job.config.HelpText;
import dev.eventpipeline.job.config.InvalidConfigurationException;
import dev.eventpipeline.job.config.JobSettings;
import dev.eventpipeline.job.config.PipelineConfig;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point: {@code flink run -c dev.eventpipeline.job.EventPipelineJob event-job.jar --config
 * job.properties}, or with {@code --local} in an embedded MiniCluster with the Web UI.
 */
public final class EventPipelineJob {

    /** Exit status for configuration errors, distinct from a job failure. */
    public static final int INVALID_CONFIGURATION = 2;

    private EventPipelineJob() {}

    public static void main(String[] args) throws Exception {
        ConfigSources sources = ConfigSources.read(args, System.getenv());
        if (sources.helpRequested()) {
            System.out.println(HelpText.render("flink run -c " + EventPipelineJob.class.getName() + " event-job.jar"));
            return;
        }
        PipelineConfig config;
        try {
            config = PipelineConfig.from(sources);
        } catch (InvalidConfigurationException e) {
            System.err.println(e.getMessage());
            System.exit(INVALID_CONFIGURATION);
            return;
        }
        StreamExecutionEnvironment env = environment(config.job());
        UserEventPipeline.fromConfig(config).buildOn(env);
        env.execute(config.job().name());
    }

    private static StreamExecutionEnvironment environment(JobSettings job) {
        if (!job.local()) {
            return StreamExecutionEnvironment.getExecutionEnvironment();
        }
        Configuration local = UserEventPipeline.flinkConfiguration(job);
        local.set(RestOptions.PORT, job.localWebUiPort());
        return StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(local);
    }
}
