package dev.eventpipeline.infra.cli;

import dev.eventpipeline.connectors.secrets.Secrets;
import dev.eventpipeline.job.config.ConfigSources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** True for a job option whose value is a secret: the job's own rule, {@link Secrets#isSecretKey}. */
    static boolean isSecret(String key) {
        return Secrets.isSecretKey(key);
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
                    environment.put(ConfigSources.environmentVariable(key), value);
                } else {
                    kept.add(argument);
                }
            } else if (isSecret(key) && i + 1 < arguments.size() && !arguments.get(i + 1).startsWith("--")) {
                environment.put(ConfigSources.environmentVariable(key), arguments.get(++i));
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


}
