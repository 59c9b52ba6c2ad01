package dev.eventpipeline.infra.process;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Run by {@link HiddenArgumentsTest}: prints its arguments and what /proc shows as its command line. */
public final class PrintOwnCommandLine {

    private PrintOwnCommandLine() {}

    public static void main(String[] args) throws Exception {
        System.out.println("arguments: " + String.join(" ", args));
        String cmdline = new String(Files.readAllBytes(Path.of("/proc/self/cmdline")), StandardCharsets.UTF_8);
        System.out.println("cmdline: " + cmdline.replace('\0', ' '));
    }
}
