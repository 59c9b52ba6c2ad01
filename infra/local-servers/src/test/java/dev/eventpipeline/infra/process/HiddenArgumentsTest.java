package dev.eventpipeline.infra.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arguments in a java @argfile reach the program but never its command line in /proc (what `ps` shows). */
class HiddenArgumentsTest {

    @TempDir
    Path dir;

    @Test
    void theProgramGetsTheArgumentsButProcShowsOnlyTheArgFile() throws Exception {
        String secret = "s3cret-" + System.nanoTime();
        Path classpath = ServerClasspath.writeArgFile(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList(), dir.resolve("classpath.args"));
        Path log = dir.resolve("out.log");
        Path argFile = dir.resolve("tool.args");

        int exit = ServerProcess.runToCompletionHidingArguments(new JavaCommand(List.of("-Xmx64m"), classpath,
                PrintOwnCommandLine.class.getName(), List.of("--add-scram", "SCRAM-SHA-512=[name=u,password=" + secret + "]")),
                argFile, dir, log, Duration.ofMinutes(1));

        String output = Files.readString(log);
        assertThat(exit).as(output).isZero();
        assertThat(output).contains("arguments: --add-scram SCRAM-SHA-512=[name=u,password=" + secret + "]");
        String cmdline = output.lines().filter(line -> line.startsWith("cmdline: ")).findFirst().orElseThrow();
        assertThat(cmdline).contains("@" + argFile).doesNotContain(secret).doesNotContain(PrintOwnCommandLine.class.getName());
        assertThat(argFile).doesNotExist();
    }
}
