package dev.eventpipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedLocalServersOrphanTest {

    @TempDir
    Path parent;

    @Test
    void deletesTheWorkDirOfADeadTestJvmAndKeepsALiveOnes() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path orphan = workDir("local-servers-orphan", finished.pid());
        Path live = workDir("local-servers-live", ProcessHandle.current().pid());

        SharedLocalServers.stopOrphans(parent);

        assertThat(orphan).doesNotExist();
        assertThat(live).exists();
    }

    private Path workDir(String name, long owner) throws Exception {
        Path dir = Files.createDirectories(parent.resolve(name).resolve("run"));
        Files.writeString(dir.resolve("kafka.pid"), Long.toString(owner)); // not a Kafka process: left alone
        Files.writeString(parent.resolve(name).resolve("owner.pid"), Long.toString(owner));
        return parent.resolve(name);
    }
}
