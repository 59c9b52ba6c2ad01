package org.apache.flink.metrics.prometheus;

import io.prometheus.client.exporter.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * Flink's Prometheus reporter on one address instead of every interface: the local job's endpoint
 * ({@code dev.eventpipeline.job.LoopbackPrometheusReporterFactory}). Flink 1.20's {@link PrometheusReporter}
 * binds {@code new InetSocketAddress(port)} and has no host option; its metrics and their names come from
 * {@link AbstractPrometheusReporter}, whose registry is package-private, hence this package. Everything but
 * the address is Flink's: the same names, labels and text format.
 */
public final class LoopbackPrometheusReporter extends AbstractPrometheusReporter {

    private final HTTPServer server;

    public LoopbackPrometheusReporter(String host, int port) {
        try {
            server = new HTTPServer(new InetSocketAddress(host, port), registry, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the Prometheus endpoint on " + host + ":" + port
                    + " (metrics.reporter.prom.port; the port may be in use)", e);
        }
        log.info("Prometheus endpoint on http://{}:{}/metrics", host, server.getPort());
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.stop();
        super.close();
    }
}
