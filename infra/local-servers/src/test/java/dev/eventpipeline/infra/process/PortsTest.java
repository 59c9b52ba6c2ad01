package dev.eventpipeline.infra.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortsTest {

    private static final List<String> THREE_NODES = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3");

    @Test
    void portsPickedForSeveralAddressesAreFreeOnEachOfThem() throws Exception {
        int[] ports = Ports.freePorts(2, THREE_NODES);

        assertThat(ports[0]).isNotEqualTo(ports[1]);
        for (String host : THREE_NODES) {
            for (int port : ports) {
                try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(host))) {
                    assertThat(socket.getLocalPort()).isEqualTo(port);
                }
            }
        }
    }

    @Test
    void aPortTakenOnOneAddressIsInUseThereOnly() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.2"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> Ports.requireFree("127.0.0.2", port, "Cassandra CQL"))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("Port " + port + " (Cassandra CQL) on 127.0.0.2 is already in use");
            Ports.requireFree("127.0.0.3", port, "Cassandra CQL");
            assertThat(Ports.isListening("127.0.0.2", port)).isTrue();
            assertThat(Ports.isListening("127.0.0.3", port)).isFalse();
        }
    }
}
