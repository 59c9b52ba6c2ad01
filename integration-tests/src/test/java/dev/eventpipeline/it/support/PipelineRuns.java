package dev.eventpipeline.it.support;

import dev.eventpipeline.job.UserEventPipeline;
import dev.eventpipeline.job.config.PipelineConfig;
import dev.eventpipeline.job.testing.TestPipelines;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * Submits the real pipeline, as {@link UserEventPipeline#fromConfig} wires it (including its
 * checkpointing and exponential-delay restarts), to the test's MiniCluster without waiting for it.
 * Unlike {@link TestPipelines#runToEnd} the restart strategy stays on: the scenarios are about
 * recovering. Kryo stays forbidden, so a generic type still fails fast.
 */
public final class PipelineRuns {

    private PipelineRuns() {}

    public static JobClient start(String[] arguments) throws Exception {
        return start(arguments, null);
    }

    /** Starts the job restored from {@code savepointPath} (no unclaimed state allowed). */
    public static JobClient startFromSavepoint(String[] arguments, String savepointPath) throws Exception {
        return start(arguments, savepointPath);
    }

    private static JobClient start(String[] arguments, String savepointPath) throws Exception {
        PipelineConfig config = TestPipelines.config(arguments);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        UserEventPipeline.fromConfig(config).buildOn(env);
        Configuration strict = new Configuration();
        strict.set(PipelineOptions.GENERIC_TYPES, false);
        env.configure(strict);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(config.job().name());
        if (savepointPath != null) {
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepointPath, false));
        }
        return env.executeAsync(graph);
    }
}
