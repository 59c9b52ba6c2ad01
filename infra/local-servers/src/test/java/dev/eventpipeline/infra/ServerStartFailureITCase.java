package dev.eventpipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventpipeline.infra.process.ServerStartException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerStartFailureITCase {

    @TempDir
    Path workDir;

    @Test
    void aServerThatDiesDuringStartUpReportsTheTailOfItsLog() {
        // The JVM refuses this heap size at once, which stands in for any early death.
        LocalCassandra cassandra = LocalCassandra.builder().workDir(workDir).freePorts().heap("not-a-size").build();

        assertThatThrownBy(cassandra::start)
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("Cassandra (pid ")
                .hasMessageContaining("exited during start-up with code 1")
                .hasMessageContaining("Last 30 lines of " + cassandra.logFile())
                .hasMessageContaining("Invalid initial heap size");
        assertThat(cassandra.isRunning()).isFalse();
    }
}
