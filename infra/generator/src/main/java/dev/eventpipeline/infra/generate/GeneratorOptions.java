package dev.eventpipeline.infra.generate;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The generator's options, one picocli mixin for every command that sends sample events ({@code pipeline
 * generate}, {@code pipeline demo}, benchmarks). Each command keeps its own defaults by mixing in an
 * instance that carries them, e.g. {@code @Mixin GeneratorOptions generator = new GeneratorOptions().defaultUsers(500)};
 * picocli takes a mixin field's initial values as the defaults, so {@code --help} shows each command's own.
 */
public final class GeneratorOptions {

    @Option(names = "--events", paramLabel = "N", description = "How many events to send (default ${DEFAULT-VALUE}).")
    long events = 10_000;

    @Option(names = "--rate", paramLabel = "R",
            description = "Events per second, paced evenly; 0 = as fast as possible (default ${DEFAULT-VALUE}).")
    double rate = 1000;

    @Option(names = "--users", paramLabel = "U", description = "Distinct users (default ${DEFAULT-VALUE}).")
    int users = 1000;

    @Option(names = "--skew", paramLabel = "S",
            description = "Zipf exponent of user popularity; 0 = uniform, 1 = the top 10%% of users send ~60%% (default ${DEFAULT-VALUE}).")
    double skew = 1.0;

    @Option(names = "--invalid-fraction", paramLabel = "F",
            description = "Share of malformed payloads, 0 to 1, spread evenly (default ${DEFAULT-VALUE}).")
    double invalidFraction = 0;

    @Option(names = "--seed", paramLabel = "SEED",
            description = "Seed for users and events; the same seed gives the same users (default: random, so new users each run).")
    Long seed;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Defaults before any command's own: 10,000 events at 1,000/s, 1,000 users, skew 1, all valid. */
    public GeneratorOptions() {}

    public GeneratorOptions defaultEvents(long defaultEvents) {
        this.events = defaultEvents;
        return this;
    }

    public GeneratorOptions defaultRate(double defaultRate) {
        this.rate = defaultRate;
        return this;
    }

    public GeneratorOptions defaultUsers(int defaultUsers) {
        this.users = defaultUsers;
        return this;
    }

    public GeneratorOptions defaultInvalidFraction(double defaultInvalidFraction) {
        this.invalidFraction = defaultInvalidFraction;
        return this;
    }

    public long events() {
        return events;
    }

    /** Events per second; 0 = as fast as possible. */
    public double rate() {
        return rate;
    }

    public int users() {
        return users;
    }

    public double invalidFraction() {
        return invalidFraction;
    }

    /** A usage error (exit code 2, with the command's usage) for a value out of range. */
    public void validate() {
        require(events >= 1, "--events must be at least 1: " + events);
        require(rate >= 0 && Double.isFinite(rate), "--rate must be 0 (as fast as possible) or positive: " + rate);
        require(users >= 1, "--users must be at least 1: " + users);
        require(skew >= 0 && Double.isFinite(skew), "--skew must be 0 or positive: " + skew);
        require(invalidFraction >= 0 && invalidFraction <= 1, "--invalid-fraction must be between 0 and 1: " + invalidFraction);
    }

    /** The generator these options describe, under {@code limits}; callers may add a clock. */
    public EventGenerator.Settings.Builder settings(PayloadLimits limits) {
        EventGenerator.Settings.Builder settings = EventGenerator.settings().users(users).zipfExponent(skew)
                .invalidFraction(invalidFraction).limits(limits);
        if (seed != null) {
            settings.seed(seed);
        }
        return settings;
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(command.commandLine(), message);
        }
    }
}
