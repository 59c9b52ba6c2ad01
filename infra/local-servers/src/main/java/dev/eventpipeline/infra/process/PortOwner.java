package dev.eventpipeline.infra.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/** Finds the process listening on a TCP port through Linux's /proc (socket inode → owning fd). */
final class PortOwner {

    private static final String TCP_LISTEN = "0A";
    private static final int MAX_COMMAND_LENGTH = 160;

    private PortOwner() {}

    /** "pid 123: java ... kafka.Kafka ..." when the listener's process is visible, empty otherwise. */
    static Optional<String> describe(int port) {
        OptionalLong inode = listeningSocketInode(port);
        if (inode.isEmpty()) {
            return Optional.empty();
        }
        return ownerOf(inode.getAsLong()).map(pid -> "pid " + pid + commandLine(pid).map(c -> ": " + c).orElse(""));
    }

    private static OptionalLong listeningSocketInode(int port) {
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                    if (fields.length > 9 && fields[1].endsWith(":" + hexPort) && TCP_LISTEN.equals(fields[3])) {
                        return OptionalLong.of(Long.parseLong(fields[9]));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Not Linux, or the table is not readable: the owner stays unknown.
            }
        }
        return OptionalLong.empty();
    }

    private static Optional<Long> ownerOf(long inode) {
        String target = "socket:[" + inode + "]";
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
                    for (Path fd : fds) {
                        if (target.equals(readLink(fd))) {
                            return Optional.of(Long.parseLong(process.getFileName().toString()));
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // Another user's process, or one that just exited.
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String readLink(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The full command line of {@code pid}, arguments separated by spaces. */
    static Optional<String> fullCommandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            String line = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
            return line.isEmpty() ? Optional.empty() : Optional.of(line);
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.of(pid).flatMap(handle -> handle.info().commandLine());
        }
    }

    /** A one-line summary: for a JVM "java … MainClass args" (the options and class path say little). */
    static Optional<String> commandLine(long pid) {
        return fullCommandLine(pid).map(line -> {
            List<String> args = List.of(line.split(" "));
            String shown = line;
            if (!args.isEmpty() && args.get(0).endsWith("java")) {
                int main = 1;
                while (main < args.size() && (args.get(main).startsWith("-") || args.get(main).startsWith("@"))) {
                    boolean takesValue = args.get(main).equals("-cp") || args.get(main).equals("-classpath");
                    main += takesValue ? 2 : 1;
                }
                shown = "java … " + String.join(" ", args.subList(Math.min(main, args.size()), args.size()));
            }
            return shown.length() > MAX_COMMAND_LENGTH ? shown.substring(0, MAX_COMMAND_LENGTH) + "…" : shown;
        });
    }
}
