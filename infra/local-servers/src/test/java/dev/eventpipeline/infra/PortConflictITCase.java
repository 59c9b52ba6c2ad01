package dev.eventpipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventpipeline.infra.process.PortInUseException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortConflictITCase {

    private static final long THIS_PID = ProcessHandle.current().pid();

    @TempDir
    Path workDir;

    @Test
    void kafkaNamesTheTakenPortAndItsOwner() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            LocalKafka kafka = LocalKafka.builder().workDir(workDir).freePorts()
                    .brokerPort(taken.getLocalPort()).build();

            assertThatThrownBy(kafka::start)
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort() + " (Kafka broker)")
                    .hasMessageContaining("already in use by pid " + THIS_PID);
            assertThat(kafka.isRunning()).isFalse();
        }
    }

    @Test
    void cassandraNamesTheTakenPortAndItsOwner() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            LocalCassandra cassandra = LocalCassandra.builder().workDir(workDir).freePorts()
                    .cqlPort(taken.getLocalPort()).build();

            assertThatThrownBy(cassandra::start)
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort() + " (Cassandra CQL)")
                    .hasMessageContaining("already in use by pid " + THIS_PID);
            assertThat(cassandra.isRunning()).isFalse();
        }
    }
}
