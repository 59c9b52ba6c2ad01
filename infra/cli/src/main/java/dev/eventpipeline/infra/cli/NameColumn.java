package dev.eventpipeline.infra.cli;

import dev.eventpipeline.infra.LocalServer;
import dev.eventpipeline.infra.LocalServers;

/** The first column of `up`, `status` and `down`: wide enough for "Cassandra node 3", ten characters otherwise. */
final class NameColumn {

    private static final int MIN_WIDTH = 10;

    private final int width;

    NameColumn(LocalServers servers) {
        this.width = Math.max(MIN_WIDTH, servers.servers().stream()
                .mapToInt(server -> server.displayName().length()).max().orElse(0));
    }

    /** {@code name} padded to the column's width. */
    String cell(String name) {
        return String.format("%-" + width + "s", name);
    }

    String cell(LocalServer server) {
        return cell(server.displayName());
    }
}
