package dev.eventpipeline.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventpipeline.infra.process.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's life cycle against real servers, on free ports in a temporary work dir. */
class UpStatusDownTest {

    @TempDir
    Path workDir;

    private final int[] ports = Ports.freePorts(4);

    @AfterEach
    void neverLeaveServersBehind() {
        CliRun.of("down", "--work-dir", workDir.toString());
    }

    @Test
    void upTwiceThenStatusThenDownLeavesNoProcess() throws Exception {
        CliRun up = CliRun.of(stackArgs("up"));
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out()).contains("Kafka      ready on 127.0.0.1:" + ports[0], "Topics     created user-events",
                "Schema     applied", "Up in ");

        CliRun again = CliRun.of(stackArgs("up"));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("Kafka      already running", "Cassandra  already running", "Topics     already there");

        // Ports given to `up` are remembered: no options needed any more.
        CliRun status = CliRun.of("status", "--work-dir", workDir.toString());
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("Kafka      running", "127.0.0.1:" + ports[0], "Cassandra  running",
                "127.0.0.1:" + ports[2]);
        long[] pids = Stream.of("kafka", "cassandra").mapToLong(this::recordedPid).toArray();

        CliRun down = CliRun.of("down", "--work-dir", workDir.toString());
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(down.out()).contains("Kafka      stopped", "Cassandra  stopped");
        assertThat(Arrays.stream(pids).boxed().map(ProcessHandle::of))
                .allSatisfy(process -> assertThat(process.filter(ProcessHandle::isAlive)).isEmpty());
        assertThat(Arrays.stream(ports).boxed().filter(Ports::isListening)).isEmpty();
    }

    private String[] stackArgs(String command) {
        return new String[] {command, "--work-dir", workDir.toString(),
            "--kafka-port", Integer.toString(ports[0]), "--kafka-controller-port", Integer.toString(ports[1]),
            "--cassandra-port", Integer.toString(ports[2]), "--cassandra-storage-port", Integer.toString(ports[3])};
    }

    private long recordedPid(String server) {
        try {
            return Long.parseLong(Files.readString(workDir.resolve("run/" + server + ".pid")).trim());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
