package dev.eventpipeline.infra.cli;

import picocli.CommandLine.Option;

/** How the job's local JVM is started: the options of every command that starts it ({@code run}, {@code demo}). */
final class LocalJobOptions {

    @Option(names = "--web-ui-port", paramLabel = "PORT", defaultValue = "8081",
            description = "Flink Web UI and REST port (default ${DEFAULT-VALUE}).")
    int webUiPort;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9249",
            description = "The job's Prometheus endpoint, http://127.0.0.1:PORT/metrics (default ${DEFAULT-VALUE}); 0 for none.")
    int metricsPort;

    @Option(names = "--job-heap", paramLabel = "SIZE", defaultValue = "1g", description = "The job JVM's heap (default ${DEFAULT-VALUE}).")
    String jobHeap;
}
