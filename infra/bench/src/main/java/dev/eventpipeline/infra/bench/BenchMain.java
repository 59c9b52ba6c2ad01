package dev.eventpipeline.infra.bench;

import picocli.CommandLine;

/** {@code infra/bin/bench micro|e2e [options]}; see {@link BenchCommand}. */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) {
        int status = new CommandLine(new BenchCommand()).execute(args);
        System.exit(status);
    }
}
