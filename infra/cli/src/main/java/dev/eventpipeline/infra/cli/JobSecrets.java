package dev.eventpipeline.infra.cli;

import dev.eventpipeline.job.config.ConfigSources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps secrets off the job JVM's command line, which every user of the machine can read (`ps`,
 * /proc/&lt;pid&gt;/cmdline): a job option that holds a secret ({@code cassandra.password}, any
 * {@code *.password}, {@code sasl.jaas.config}) is handed over as the job's environment variable for it
 * (EVENT_PIPELINE_*, which the job reads like the option; only the JVM's owner can read a process's
 * environment). File options such as {@code cassandra.password-file} name a path and stay arguments.
 */
final class JobSecrets {

    /** The job's arguments without secrets, and the environment variables that carry them instead. */
    record Split(List<String> arguments, Map<String, String> environment) {

        Split {
            arguments = List.copyOf(arguments);
            environment = Map.copyOf(environment);
        }
    }

    private JobSecrets() {}

    /** True for a job option whose value is a secret. */
    static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return (lower.contains("password") && !lower.endsWith("-file") && !lower.endsWith(".location")
                && !lower.endsWith(".path")) || lower.endsWith("sasl.jaas.config") || lower.contains("secret");
    }

    /** Splits {@code --key value} / {@code --key=value} arguments; secret ones move to the environment. */
    static Split split(List<String> arguments) {
        List<String> kept = new ArrayList<>();
        Map<String, String> environment = new LinkedHashMap<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (!argument.startsWith("--")) {
                kept.add(argument);
                continue;
            }
            String key = argument.substring(2);
            int equals = key.indexOf('=');
            if (equals >= 0) {
                String value = key.substring(equals + 1);
                key = key.substring(0, equals);
                if (isSecret(key)) {
                    environment.put(environmentVariable(key), value);
                } else {
                    kept.add(argument);
                }
            } else if (isSecret(key) && i + 1 < arguments.size() && !arguments.get(i + 1).startsWith("--")) {
                environment.put(environmentVariable(key), arguments.get(++i));
            } else {
                kept.add(argument);
            }
        }
        return new Split(kept, environment);
    }

    /** Settings (key to value, e.g. a secured stack's) as arguments, and their secrets as environment variables. */
    static Split split(Map<String, String> settings) {
        List<String> arguments = new ArrayList<>();
        settings.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return split(arguments);
    }

    /**
     * The variable the job reads {@code key} from: EVENT_PIPELINE_ and the key in upper case with '.' and '-'
     * as '_' (the job's own mapping; for {@code kafka.property.*} it turns the rest back into a dotted name).
     */
    static String environmentVariable(String key) {
        return ConfigSources.ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

}
