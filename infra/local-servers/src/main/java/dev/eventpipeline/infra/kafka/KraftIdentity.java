package dev.eventpipeline.infra.kafka;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Who a combined broker/controller is in its KRaft quorum. Standalone (the local stack's single node): node 1,
 * the only voter, formatted with {@code --standalone}. A cluster node: its node id, the cluster id every node
 * is formatted with, and the controller port of every voter, written as a static {@code controller.quorum.voters}
 * so the voters' addresses come from the configuration on each start (not from the metadata log, as a dynamic
 * quorum's do) and a node whose storage is gone can be formatted again with nothing but the cluster id.
 */
public final class KraftIdentity {

    private static final KraftIdentity STANDALONE = new KraftIdentity(1, null, new TreeMap<>());

    private final int nodeId;
    private final String clusterId;
    private final SortedMap<Integer, Integer> voterControllerPorts;

    private KraftIdentity(int nodeId, String clusterId, SortedMap<Integer, Integer> voterControllerPorts) {
        this.nodeId = nodeId;
        this.clusterId = clusterId;
        this.voterControllerPorts = voterControllerPorts;
    }

    public static KraftIdentity standalone() {
        return STANDALONE;
    }

    /** Node {@code nodeId} of a cluster whose voters listen on {@code voterControllerPorts} (node id to port). */
    public static KraftIdentity clusterNode(int nodeId, String clusterId, Map<Integer, Integer> voterControllerPorts) {
        if (!voterControllerPorts.containsKey(nodeId)) {
            throw new IllegalArgumentException("Node " + nodeId + " is not among the voters " + voterControllerPorts.keySet());
        }
        return new KraftIdentity(nodeId, clusterId, new TreeMap<>(voterControllerPorts));
    }

    public boolean isStandalone() {
        return clusterId == null;
    }

    public int nodeId() {
        return nodeId;
    }

    /** The id to format a cluster node with; empty when standalone (a fresh random one at the first start). */
    public Optional<String> clusterId() {
        return Optional.ofNullable(clusterId);
    }

    /** The controller port this node must listen on as a voter; empty when standalone (any port). */
    public Optional<Integer> ownControllerPort() {
        return isStandalone() ? Optional.empty() : Optional.of(voterControllerPorts.get(nodeId));
    }

    public int nodes() {
        return isStandalone() ? 1 : voterControllerPorts.size();
    }

    public Replication replication() {
        return isStandalone() ? Replication.SINGLE_NODE : Replication.forNodes(nodes());
    }

    /** The server.properties line telling this node where the controllers are. */
    String quorumProperty(String host, int ownControllerPort) {
        if (isStandalone()) {
            return "controller.quorum.bootstrap.servers=" + host + ":" + ownControllerPort;
        }
        return "controller.quorum.voters=" + voterControllerPorts.entrySet().stream()
                .map(voter -> voter.getKey() + "@" + host + ":" + voter.getValue())
                .collect(Collectors.joining(","));
    }
}
