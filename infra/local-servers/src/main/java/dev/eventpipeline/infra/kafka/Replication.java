package dev.eventpipeline.infra.kafka;

/**
 * How many copies of each partition a cluster keeps ({@code factor}) and how many must have a write before
 * an {@code acks=all} producer hears back ({@code minInsyncReplicas}).
 */
public record Replication(short factor, int minInsyncReplicas) {

    /** A single broker: one copy, acknowledged by it alone. */
    public static final Replication SINGLE_NODE = new Replication((short) 1, 1);

    public Replication {
        if (factor < 1 || minInsyncReplicas < 1 || minInsyncReplicas > factor) {
            throw new IllegalArgumentException("Need 1 <= min.insync.replicas (" + minInsyncReplicas
                    + ") <= replication factor (" + factor + ")");
        }
    }

    /**
     * Three copies, two of them in sync for an ack (fewer on smaller clusters): with three nodes one may crash
     * and producers go on, and an acknowledged record is on two nodes, so a single crash never loses it.
     */
    public static Replication forNodes(int nodes) {
        if (nodes < 1) {
            throw new IllegalArgumentException("A cluster needs at least one node, not " + nodes);
        }
        return new Replication((short) Math.min(3, nodes), Math.min(2, nodes));
    }
}
