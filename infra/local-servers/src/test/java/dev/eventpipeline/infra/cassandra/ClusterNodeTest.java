package dev.eventpipeline.infra.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClusterNodeTest {

    @Test
    void nodeNListensOnItsOwnLoopbackAddressAndNamesItsFilesAfterItsNumber() {
        ClusterNode node = new ClusterNode(2, 3);

        assertThat(node.address()).isEqualTo("127.0.0.2");
        assertThat(node.seedAddress()).isEqualTo("127.0.0.1");
        assertThat(node.serverId()).isEqualTo("cassandra-2");
        assertThat(node.isSeed()).isFalse();
        assertThat(new ClusterNode(1, 3).isSeed()).isTrue();
    }

    @Test
    void tokensSplitTheRingEvenlyAndAOneNodeClusterOwnsTokenZero() {
        assertThat(new ClusterNode(1, 1).initialToken()).isZero();
        long[] tokens = IntStream.rangeClosed(1, 3).mapToLong(number -> new ClusterNode(number, 3).initialToken()).toArray();

        assertThat(tokens).isSorted().doesNotHaveDuplicates();
        BigInteger third = BigInteger.TWO.pow(64).divide(BigInteger.valueOf(3));
        assertThat(BigInteger.valueOf(tokens[1]).subtract(BigInteger.valueOf(tokens[0]))).isEqualTo(third);
        assertThat(BigInteger.valueOf(tokens[2]).subtract(BigInteger.valueOf(tokens[1]))).isEqualTo(third);
        assertThat(tokens[0]).isGreaterThan(Long.MIN_VALUE);
    }

    @Test
    void nodesOutsideTheClusterAreRefused() {
        assertThatThrownBy(() -> new ClusterNode(4, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..3");
        assertThatThrownBy(() -> new ClusterNode(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClusterNode(1, 255)).isInstanceOf(IllegalArgumentException.class);
    }
}
