package dev.eventpipeline.infra.cassandra;

import java.math.BigInteger;

/**
 * One node of a local Cassandra cluster of {@code clusterSize} nodes: node {@code n} (1-based) listens on
 * 127.0.0.{@code n} (every node on the same ports), names its files {@code cassandra-<n>}, owns one token
 * and gossips with node 1, the seed.
 */
public record ClusterNode(int number, int clusterSize) {

    /** 127.0.0.1 .. 127.0.0.254: the loopback addresses a node can take. */
    public static final int MAX_NODES = 254;

    private static final BigInteger TOKEN_RANGE = BigInteger.TWO.pow(64);
    private static final BigInteger MIN_TOKEN = BigInteger.valueOf(Long.MIN_VALUE);

    public ClusterNode {
        if (clusterSize < 1 || clusterSize > MAX_NODES) {
            throw new IllegalArgumentException("A local cluster has 1 to " + MAX_NODES + " nodes, not " + clusterSize);
        }
        if (number < 1 || number > clusterSize) {
            throw new IllegalArgumentException("Node " + number + " is not one of 1.." + clusterSize);
        }
    }

    /** Its listen and rpc address. */
    public String address() {
        return address(number);
    }

    /** Node 1's address: the seed every node gossips with first. */
    public String seedAddress() {
        return address(1);
    }

    public boolean isSeed() {
        return number == 1;
    }

    /** Names its directory, log and PID file. */
    public String serverId() {
        return "cassandra-" + number;
    }

    /**
     * The Murmur3 token it owns: the ring split evenly, each node in the middle of its share, so a one-node
     * cluster owns 0 as the single-node yaml has it.
     */
    public long initialToken() {
        BigInteger share = TOKEN_RANGE.divide(BigInteger.valueOf(clusterSize));
        return MIN_TOKEN.add(share.shiftRight(1)).add(share.multiply(BigInteger.valueOf(number - 1L))).longValueExact();
    }

    static String address(int number) {
        return "127.0.0." + number;
    }
}
