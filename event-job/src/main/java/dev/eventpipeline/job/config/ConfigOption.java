package dev.eventpipeline.job.config;

import dev.eventpipeline.connectors.secrets.Secrets;
import java.util.Optional;
import java.util.function.Function;

/**
 * One configuration key: its default (empty for optional keys), what it means, and how its text
 * becomes a value. Parsers throw {@link IllegalArgumentException} with a reason that says what
 * would be accepted.
 */
public final class ConfigOption<T> {

    private final String key;
    private final String defaultValue;
    private final String description;
    private final Function<String, T> parser;

    private ConfigOption(String key, String defaultValue, String description, Function<String, T> parser) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
        this.parser = parser;
    }

    static <T> ConfigOption<T> of(String key, String defaultValue, String description, Function<String, T> parser) {
        return new ConfigOption<>(key, defaultValue, description, parser);
    }

    static <T> ConfigOption<T> optional(String key, String description, Function<String, T> parser) {
        return new ConfigOption<>(key, null, description, parser);
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
