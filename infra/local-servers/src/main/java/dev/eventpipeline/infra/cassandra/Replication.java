package dev.eventpipeline.infra.cassandra;

import java.util.regex.Pattern;

/** A keyspace's replication, as the CQL map of {@code CREATE KEYSPACE ... WITH replication = <map>}. */
public record Replication(String cqlMap) {

    private static final Pattern DATACENTER = Pattern.compile("[A-Za-z0-9_-]{1,48}");

    public Replication {
        if (!cqlMap.startsWith("{") || !cqlMap.endsWith("}") || cqlMap.indexOf('}') != cqlMap.length() - 1) {
            throw new IllegalArgumentException("Not one CQL map: " + cqlMap);
        }
    }

    /** {@code replicationFactor} replicas in the datacenter {@code datacenter}, on distinct racks where there are. */
    public static Replication networkTopology(String datacenter, int replicationFactor) {
        if (!DATACENTER.matcher(datacenter).matches()) {
            throw new IllegalArgumentException("Not a datacenter name: '" + datacenter + "'");
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("Replication factor " + replicationFactor + " is below 1");
        }
        return new Replication("{'class': 'NetworkTopologyStrategy', '" + datacenter + "': " + replicationFactor + "}");
    }
}
