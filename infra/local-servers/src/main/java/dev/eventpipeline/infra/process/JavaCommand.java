package dev.eventpipeline.infra.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A `java` command line for a server: JVM options, a class path @argfile, the main class and its arguments. */
public record JavaCommand(List<String> jvmOptions, Path classpathArgFile, String mainClass, List<String> arguments) {

    public JavaCommand {
        jvmOptions = List.copyOf(jvmOptions);
        arguments = List.copyOf(arguments);
    }

    /** The same JVM on a different main class, e.g. a storage tool sharing the server's class path. */
    public JavaCommand withMain(String otherMainClass, List<String> otherArguments) {
        return new JavaCommand(jvmOptions, classpathArgFile, otherMainClass, otherArguments);
    }

    /** The command, run in its own session when {@code detached} so it outlives the launching JVM. */
    List<String> toList(boolean detached) {
        List<String> command = new ArrayList<>();
        if (detached && SETSID != null) {
            command.add(SETSID);
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + classpathArgFile);
        command.addAll(jvmOptions);
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }

    /** setsid(1) detaches the server from our terminal's process group and hang-ups (Linux util-linux). */
    private static final String SETSID = List.of("/usr/bin/setsid", "/bin/setsid").stream()
            .filter(candidate -> Files.isExecutable(Path.of(candidate)))
            .findFirst()
            .orElse(null);
}
