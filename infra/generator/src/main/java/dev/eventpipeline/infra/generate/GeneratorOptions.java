package dev.eventpipeline.infra.generate;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Which users the generator draws events for: one picocli mixin for every command that makes sample
 * events ({@code pipeline generate}, {@code pipeline demo}, {@code bench e2e}). Each command keeps its
 * own defaults by mixing in an instance that carries them, e.g. {@code @Mixin GeneratorOptions generator
 * = new GeneratorOptions().defaultUsers(500)}; picocli takes a mixin field's initial values as the
 * defaults, so {@code --help} shows each command's own. How many events, how fast and how many of them
 * invalid is the sending commands' business (the bench sends only valid events, as fast as it can).
 */
public final class GeneratorOptions {

    private static final String RANDOM = "random";

    @Option(names = "--users", paramLabel = "U", description = "Distinct users (default ${DEFAULT-VALUE}).")
    int users = 1000;

    @Option(names = "--skew", paramLabel = "S",
            description = "Zipf exponent of user popularity; 0 = uniform, 1 = the top 10%% of users send ~60%% (default ${DEFAULT-VALUE}).")
    double skew = 1.0;

    /** A whole number, or "random" (resolved once, so one run keeps one seed). */
    @Option(names = "--seed", paramLabel = "SEED",
            description = "Seed for users and events, a whole number; the same seed gives the same users and events; "
                    + "random = new users each run (default ${DEFAULT-VALUE}).")
    String seed = RANDOM;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Defaults before any command's own: 1,000 users, skew 1, a random seed. */
    public GeneratorOptions() {}

    public GeneratorOptions defaultUsers(int defaultUsers) {
        this.users = defaultUsers;
        return this;
    }

    /** A fixed default seed, for commands whose runs must be comparable (without it: random, new users each run). */
    public GeneratorOptions defaultSeed(long defaultSeed) {
        this.seed = Long.toString(defaultSeed);
        return this;
    }

    public int users() {
        return users;
    }

    public double skew() {
        return skew;
    }

    /** The seed given or defaulted; for "random" one drawn now and kept. */
    public long seed() {
        if (RANDOM.equals(seed)) {
            seed = Long.toString(System.nanoTime());
        }
        return Long.parseLong(seed);
    }

    /** A usage error (exit code 2, with the command's usage) for a value out of range. */
    public void validate() {
        require(users >= 1, "--users must be at least 1: " + users);
        require(skew >= 0 && Double.isFinite(skew), "--skew must be 0 or positive: " + skew);
        require(RANDOM.equals(seed) || fitsInLong(seed),
                "--seed must be a whole number or random: " + seed);
    }

    private static boolean fitsInLong(String number) {
        try {
            Long.parseLong(number);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The generator these options describe, under {@code limits}, all valid; callers may add a clock or invalid share. */
    public EventGenerator.Settings.Builder settings(PayloadLimits limits) {
        return EventGenerator.settings().users(users).zipfExponent(skew).limits(limits).seed(seed());
    }

    /** A usage error of the command this is mixed into. */
    public void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(command.commandLine(), message);
        }
    }
}
