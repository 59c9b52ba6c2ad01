package dev.eventpipeline.job.config;

import dev.eventpipeline.connectors.secrets.Secrets;
import java.util.Optional;
import java.util.function.Function;

/**
 * One configuration key of the job: its default (empty for optional keys), what it means, and how its text
 * becomes a value. Parsers throw {@link IllegalArgumentException} with a reason that says what would be
 * accepted. Beside Flink's own {@code ConfigOption} this adds what the job's start needs and Flink's lacks:
 * every problem reported at once with the value's origin (file, environment, argument) and the fix, and
 * secrets never echoed. Flink's own settings (checkpointing, restarts, parallelism) stay Flink's keys in the
 * cluster's configuration; the job's keys for them only override when set.
 */
public final class JobOption<T> {

    private final String key;
    private final String defaultValue;
    private final String description;
    private final Function<String, T> parser;

    private JobOption(String key, String defaultValue, String description, Function<String, T> parser) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
        this.parser = parser;
    }

    static <T> JobOption<T> of(String key, String defaultValue, String description, Function<String, T> parser) {
        return new JobOption<>(key, defaultValue, description, parser);
    }

    static <T> JobOption<T> optional(String key, String description, Function<String, T> parser) {
        return new JobOption<>(key, null, description, parser);
    }

    public String key() {
        return key;
    }

    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public String description() {
        return description;
    }

    /** The environment variable that sets this key: EVENT_PIPELINE_ + key in upper case, '.' and '-' as '_'. */
    public String environmentVariable() {
        return ConfigSources.environmentVariable(key);
    }

    /** Whether the value is a secret: never shown, never echoed (decided by {@link Secrets}). */
    public boolean isSecret() {
        return Secrets.isSecretKey(key);
    }

    T parse(String text) {
        return parser.apply(text);
    }
}
