package dev.eventpipeline.it.support;

import dev.eventpipeline.infra.flink.FlinkRest;

/** A submitted pipeline job, wherever it runs (the test's MiniCluster or a session cluster): its id, REST API and cancel. */
public interface RunningJob {

    String id();

    FlinkRest rest();

    /** Cancels the job and returns once Flink reports it CANCELED. */
    void cancel() throws Exception;
}
