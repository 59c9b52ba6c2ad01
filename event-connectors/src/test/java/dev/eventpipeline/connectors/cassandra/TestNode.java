package dev.eventpipeline.connectors.cassandra;

import com.datastax.oss.driver.api.core.Version;
import com.datastax.oss.driver.api.core.loadbalancing.NodeDistance;
import com.datastax.oss.driver.api.core.metadata.EndPoint;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import com.datastax.oss.driver.internal.core.metadata.DefaultEndPoint;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A node as driver 4's exceptions name their coordinator, without a driver context (the driver's own
 * DefaultNode needs one). AllNodesFailedException keys its errors by node in an immutable map, so it
 * needs real, distinct nodes. Unlike driver 4's DefaultNode it is not serializable: FatalWriteExceptionTest
 * uses it for the worst case, a driver exception that cannot make the trip to the JobManager by itself.
 */
final class TestNode implements Node {

    static final TestNode NODE1 = new TestNode("127.0.0.1");
    static final TestNode NODE2 = new TestNode("127.0.0.2");

    private final EndPoint endPoint;

    TestNode(String address) {
        this.endPoint = new DefaultEndPoint(new InetSocketAddress(address, 9042));
    }

    @Override
    public EndPoint getEndPoint() {
        return endPoint;
    }

    @Override
    public Optional<InetSocketAddress> getBroadcastRpcAddress() {
        return Optional.empty();
    }

    @Override
    public Optional<InetSocketAddress> getBroadcastAddress() {
        return Optional.empty();
    }

    @Override
    public Optional<InetSocketAddress> getListenAddress() {
        return Optional.empty();
    }

    @Override
    public String getDatacenter() {
        return "datacenter1";
    }

    @Override
    public String getRack() {
        return "rack1";
    }

    @Override
    public Version getCassandraVersion() {
        return Version.parse("5.0.0");
    }

    @Override
    public Map<String, Object> getExtras() {
        return Map.of();
    }

    @Override
    public NodeState getState() {
        return NodeState.UP;
    }

    @Override
    public long getUpSinceMillis() {
        return 0;
    }

    @Override
    public int getOpenConnections() {
        return 1;
    }

    @Override
    public boolean isReconnecting() {
        return false;
    }

    @Override
    public NodeDistance getDistance() {
        return NodeDistance.LOCAL;
    }

    @Override
    public UUID getHostId() {
        return null;
    }

    @Override
    public UUID getSchemaVersion() {
        return null;
    }

    @Override
    public String toString() {
        return endPoint.toString();
    }
}
