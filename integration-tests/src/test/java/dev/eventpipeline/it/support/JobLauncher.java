package dev.eventpipeline.it.support;

import dev.eventpipeline.infra.flink.FlinkRest;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;

/** Where a scenario runs the pipeline: the test JVM's MiniCluster, or a session cluster through {@code flink run}. */
@FunctionalInterface
public interface JobLauncher {

    RunningJob start(String[] arguments) throws Exception;

    /** The real pipeline as {@link PipelineRuns} submits it, restarts on. */
    static JobLauncher miniCluster(MiniCluster miniCluster) {
        return arguments -> {
            JobClient client = PipelineRuns.start(arguments);
            FlinkRest rest = new FlinkRest(miniCluster.getRestAddress().get());
            String id = client.getJobID().toHexString();
            return new RunningJob() {
                @Override
                public String id() {
                    return id;
                }

                @Override
                public FlinkRest rest() {
                    return rest;
                }

                @Override
                public void cancel() throws Exception {
                    client.cancel().get(1, TimeUnit.MINUTES);
                }
            };
        };
    }

    /** The shaded job JAR ({@link FlinkCli#jobJar()}) submitted with {@code flink run -d} to {@code cluster}. */
    static JobLauncher sessionCluster(FlinkSessionCluster cluster) {
        return arguments -> {
            String id = cluster.runDetached(FlinkCli.jobJar(), Arrays.asList(arguments), Duration.ofMinutes(2));
            return new RunningJob() {
                @Override
                public String id() {
                    return id;
                }

                @Override
                public FlinkRest rest() {
                    return cluster.rest(); // the cluster's current JobManager, also after a new one took over
                }

                @Override
                public void cancel() throws Exception {
                    FlinkRest rest = rest();
                    rest.cancel(id);
                    Await.until("job " + id + " CANCELED", Duration.ofMinutes(1), () -> "CANCELED".equals(rest.jobState(id)));
                }
            };
        };
    }
}
