package dev.eventpipeline.infra;

import dev.eventpipeline.infra.process.PortInUseException;
import dev.eventpipeline.infra.process.ServerStartException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Starts servers on ports picked free, in a fresh work directory, and starts them again on other free
 * ports when another process took a picked port before our server bound it (ports are only free when
 * picked). What it started is stopped at JVM exit, and {@code afterStop} then runs on the work directory.
 */
public final class FreePortStart {

    private static final int ATTEMPTS = 3;

    private FreePortStart() {}

    /**
     * @param workDirs   a fresh work directory for each attempt
     * @param onFreePorts the servers of a work directory, on ports picked free (builders' {@code freePorts()})
     * @param afterStop  what to do with the work directory once the servers are stopped (e.g. delete it)
     */
    public static LocalServers start(Supplier<Path> workDirs, Function<Path, LocalServers> onFreePorts,
            Consumer<Path> afterStop) {
        RuntimeException lastFailure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Path workDir = workDirs.get();
            LocalServers servers = onFreePorts.apply(workDir);
            Thread shutdown = new Thread(() -> {
                servers.close();
                afterStop.accept(workDir);
            }, "local-servers-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdown);
            try {
                servers.start();
                return servers;
            } catch (PortInUseException | ServerStartException e) {
                lastFailure = e;
                Runtime.getRuntime().removeShutdownHook(shutdown);
                shutdown.run();
                if (!(e instanceof PortInUseException) && !String.valueOf(e.getMessage()).contains("Address already in use")) {
                    throw e;
                }
            }
        }
        throw lastFailure;
    }
}
