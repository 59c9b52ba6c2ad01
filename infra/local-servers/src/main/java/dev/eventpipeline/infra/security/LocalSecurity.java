package dev.eventpipeline.infra.security;

import java.util.List;

/**
 * How a local stack is secured: TLS with a throwaway CA and password authentication everywhere, optionally
 * mutual TLS (Kafka's client listener and Cassandra then require a client certificate). {@code serverNames}
 * are the server certificate's subject alternative names, {@code dns:<name>} or {@code ip:<address>}; a test makes a hostname-mismatch
 * server by leaving out the address clients connect to (127.0.0.1).
 */
public record LocalSecurity(boolean mutualTls, List<String> serverNames) {

    public LocalSecurity {
        serverNames = List.copyOf(serverNames);
        if (serverNames.isEmpty()) {
            throw new IllegalArgumentException("the server certificate needs at least one name");
        }
    }

    /** TLS and passwords; the certificate names localhost and 127.0.0.1. */
    public static LocalSecurity standard() {
        return new LocalSecurity(false, List.of("dns:localhost", "ip:127.0.0.1"));
    }

    public LocalSecurity withMutualTls() {
        return new LocalSecurity(true, serverNames);
    }

    /** Other certificate names, e.g. {@code "dns:elsewhere.invalid"}: clients that verify host names then refuse it. */
    public LocalSecurity withServerNames(String... names) {
        return new LocalSecurity(mutualTls, List.of(names));
    }
}
