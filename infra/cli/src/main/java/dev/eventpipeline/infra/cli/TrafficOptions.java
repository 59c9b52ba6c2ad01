package dev.eventpipeline.infra.cli;

import dev.eventpipeline.infra.generate.EventGenerator;
import dev.eventpipeline.infra.generate.GeneratorOptions;
import dev.eventpipeline.infra.generate.PayloadLimits;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What the commands that send sample events to Kafka ({@code generate}, {@code demo}) send: how many,
 * how fast, how many malformed, and for which users ({@link GeneratorOptions}). Defaults per command,
 * as with {@link GeneratorOptions}: mix in an instance that carries them.
 */
final class TrafficOptions {

    @Option(names = "--events", paramLabel = "N", description = "How many events to send (default ${DEFAULT-VALUE}).")
    long events = 10_000;

    @Option(names = "--rate", paramLabel = "R",
            description = "Events per second, paced evenly; 0 = as fast as possible (default ${DEFAULT-VALUE}).")
    double rate = 1000;

    @Option(names = "--invalid-fraction", paramLabel = "F",
            description = "Share of malformed payloads, 0 to 1, spread evenly (default ${DEFAULT-VALUE}).")
    double invalidFraction = 0;

    @Mixin
    GeneratorOptions users;

    TrafficOptions() {
        this(new GeneratorOptions());
    }

    TrafficOptions(GeneratorOptions users) {
        this.users = users;
    }

    TrafficOptions defaultRate(double defaultRate) {
        this.rate = defaultRate;
        return this;
    }

    TrafficOptions defaultInvalidFraction(double defaultInvalidFraction) {
        this.invalidFraction = defaultInvalidFraction;
        return this;
    }

    long events() {
        return events;
    }

    /** Events per second; 0 = as fast as possible. */
    double rate() {
        return rate;
    }

    int users() {
        return users.users();
    }

    double invalidFraction() {
        return invalidFraction;
    }

    /** A usage error (exit code 2, with the command's usage) for a value out of range. */
    void validate() {
        users.validate();
        users.require(events >= 1, "--events must be at least 1: " + events);
        users.require(rate >= 0 && Double.isFinite(rate), "--rate must be 0 (as fast as possible) or positive: " + rate);
        users.require(invalidFraction >= 0 && invalidFraction <= 1,
                "--invalid-fraction must be between 0 and 1: " + invalidFraction);
    }

    /** The generator for this traffic under {@code limits}; callers may add a clock. */
    EventGenerator.Settings.Builder settings(PayloadLimits limits) {
        return users.settings(limits).invalidFraction(invalidFraction);
    }
}
