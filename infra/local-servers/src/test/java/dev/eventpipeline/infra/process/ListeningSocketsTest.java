package dev.eventpipeline.infra.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListeningSocketsTest {

    @Test
    void readsProcAddressesInHostOrder() {
        assertThat(ListeningSockets.address("0100007F").getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(ListeningSockets.address("00000000").isAnyLocalAddress()).isTrue();
        assertThat(ListeningSockets.address("0000000000000000FFFF00000100007F").isLoopbackAddress()).isTrue();
        assertThat(ListeningSockets.address("00000000000000000000000001000000").isLoopbackAddress()).isTrue();
    }

    @Test
    void findsThisJvmsListenersAndTellsLoopbackFromWildcard() throws Exception {
        long self = ProcessHandle.current().pid();
        try (ServerSocket loopback = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                ServerSocket wildcard = new ServerSocket()) {
            wildcard.bind(new InetSocketAddress(0));
            List<ListeningSockets.Socket> sockets = ListeningSockets.of(List.of(self));

            assertThat(sockets).anySatisfy(socket -> {
                assertThat(socket.port()).isEqualTo(loopback.getLocalPort());
                assertThat(socket.isLoopback()).isTrue();
            });
            assertThat(ListeningSockets.beyondLoopback(List.of(self)))
                    .anySatisfy(socket -> assertThat(socket.port()).isEqualTo(wildcard.getLocalPort()));
        }
    }
}
