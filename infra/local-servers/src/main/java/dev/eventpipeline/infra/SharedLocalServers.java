package dev.eventpipeline.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creates {@link LocalServers#shared()}: one pair per test JVM in a fresh work directory, removed
 * again at JVM exit. Also reclaims what a killed test JVM (e.g. a surefire timeout) left behind; retries
 * on fresh ports when another test JVM took a picked port first ({@link FreePortStart}).
 */
final class SharedLocalServers {

    private static final String DIR_PREFIX = "local-servers-";
    private static final String OWNER_FILE = "owner.pid";

    private SharedLocalServers() {}

    static LocalServers create() {
        String configured = System.getProperty(LocalServers.SHARED_WORK_DIR_PROPERTY);
        Path parent = configured != null ? null : parentDir();
        if (parent != null) {
            stopOrphans(parent);
        }
        return FreePortStart.start(
                () -> configured != null ? createDirectories(Path.of(configured)) : createWorkDir(parent),
                SharedLocalServers::onFreePorts,
                workDir -> {
                    if (configured == null) {
                        LocalServer.deleteRecursively(workDir);
                    }
                });
    }

    private static LocalServers onFreePorts(Path workDir) {
        return new LocalServers(
                LocalKafka.builder().workDir(workDir).freePorts().build(),
                LocalCassandra.builder().workDir(workDir).freePorts()
                        .heap(System.getProperty(LocalServers.SHARED_CASSANDRA_HEAP_PROPERTY, LocalCassandra.DEFAULT_HEAP))
                        .build());
    }

    /** Under the module's target/ (surefire's working directory), so `mvn clean` removes leftovers too. */
    private static Path parentDir() {
        Path target = Path.of("target");
        return (Files.isDirectory(target) ? target : Path.of(System.getProperty("java.io.tmpdir"))).toAbsolutePath();
    }

    private static Path createWorkDir(Path parent) {
        try {
            Path workDir = Files.createTempDirectory(parent, DIR_PREFIX);
            Files.writeString(workDir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()),
                    StandardCharsets.UTF_8);
            return workDir;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a work directory under " + parent, e);
        }
    }

    /** Stops servers whose owning test JVM is gone, and deletes their directories. */
    static void stopOrphans(Path parent) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, DIR_PREFIX + "*")) {
            for (Path dir : dirs) {
                if (!ownerIsAlive(dir)) {
                    LocalKafka.builder().workDir(dir).build().stop();
                    LocalCassandra.builder().workDir(dir).build().stop();
                    LocalServer.deleteRecursively(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: leftovers never stop this JVM's own servers from starting.
        }
    }

    private static boolean ownerIsAlive(Path dir) {
        try {
            long owner = Long.parseLong(Files.readString(dir.resolve(OWNER_FILE), StandardCharsets.UTF_8).trim());
            return ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return true; // not ours, or being created right now: leave it alone
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + dir, e);
        }
    }
}
