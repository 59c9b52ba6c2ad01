package dev.eventpipeline.infra.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A server's class path, as resolved by Maven when infra-kafka-server / infra-cassandra-server
 * were built and packaged as META-INF/eventpipeline/&lt;name&gt;.classpath.
 */
public final class ServerClasspath {

    private ServerClasspath() {}

    /** Reads the packaged class path of {@code name} (e.g. "kafka-server") and checks every jar still exists. */
    public static List<Path> load(String name) {
        String resource = "META-INF/eventpipeline/" + name + ".classpath";
        try (InputStream in = ServerClasspath.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No " + resource + " on the class path: add a dependency on"
                        + " dev.eventpipeline:infra-" + name + " (infra-local-servers brings it).");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            List<Path> entries = Arrays.stream(text.split(java.io.File.pathSeparator))
                    .filter(entry -> !entry.isBlank())
                    .map(Path::of)
                    .toList();
            List<Path> missing = entries.stream().filter(path -> !Files.exists(path)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("The " + name + " class path names jars that are gone (e.g. "
                        + missing.get(0) + "); rebuild it: mvn -B install -DskipTests -pl infra/" + name);
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource, e);
        }
    }

    /**
     * Writes {@code -cp <path>} as a java @argfile, so `ps` shows a short command line
     * instead of a hundred jars.
     */
    public static Path writeArgFile(List<Path> classpath, Path argFile) {
        String joined = String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList());
        return JavaArgFile.write(argFile, List.of("-cp", joined));
    }
}
