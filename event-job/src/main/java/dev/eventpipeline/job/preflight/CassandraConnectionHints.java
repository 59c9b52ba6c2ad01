package dev.eventpipeline.job.preflight;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * What a failed connection to Cassandra says about the TLS options: the driver reports a refused
 * handshake as a closed connection, with the JDK's reason somewhere among the causes. The hint names
 * the option to fix. The JDK's reasons name hosts and certificate subjects, never a password.
 */
final class CassandraConnectionHints {

    private CassandraConnectionHints() {}

    /** The fix for {@code error}, or empty when it says nothing about TLS. */
    static Optional<String> hint(Throwable error, boolean ssl) {
        List<Throwable> causes = new ArrayList<>();
        if (error instanceof AllNodesFailedException noNode) {
            noNode.getAllErrors().values().forEach(nodeErrors -> nodeErrors.forEach(nodeError -> causes.addAll(chain(nodeError))));
        }
        causes.addAll(chain(error));
        boolean tlsFailed = causes.stream()
                .anyMatch(cause -> cause instanceof SSLException || cause instanceof CertificateException);
        String text = String.join(" | ", causes.stream().map(cause -> String.valueOf(cause.getMessage())).toList())
                .toLowerCase(Locale.ROOT);
        if (!ssl) {
            return Optional.of("if the node requires client encryption (TLS), set "
                    + "cassandra.ssl=true");
        }
        if (text.contains("plaintext connection") || text.contains("unrecognized ssl message")) {
            return Optional.of("the node does not speak TLS on cassandra.port: use its TLS port, or set "
                    + "cassandra.ssl=false");
        }
        if (!tlsFailed) {
            return Optional.empty();
        }
        if (text.contains("no subject alternative") || text.contains("no name matching")) {
            return Optional.of("the node's certificate does not name the host connected to: list the nodes in "
                    + "cassandra.contact-points by a name (or address) their certificates hold, or set "
                    + "cassandra.ssl.hostname-verification=false (not for production)");
        }
        if (text.contains("pkix") || text.contains("certification path")) {
            return Optional.of("the node's certificate is not trusted: set cassandra.ssl.truststore.path (and "
                    + "cassandra.ssl.truststore.password) to a truststore holding the CA that signed it");
        }
        if (text.contains("certificate_required") || text.contains("bad_certificate")
                || text.contains("certificate_unknown")) {
            return Optional.of("the node refused the job's client certificate (or its absence): set "
                    + "cassandra.ssl.keystore.path and cassandra.ssl.keystore.password to a key the node trusts");
        }
        return Optional.of("the TLS handshake failed: check cassandra.ssl.truststore.*, cassandra.ssl.keystore.* and "
                + "cassandra.ssl.hostname-verification");
    }

    static List<Throwable> chain(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = error; cause != null && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }
}
