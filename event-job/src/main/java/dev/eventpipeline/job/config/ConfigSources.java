package dev.eventpipeline.job.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Collects raw values from a properties file, then environment variables, then {@code --key value}
 * arguments; a later source overrides an earlier one. Unknown keys are problems, not ignored.
 */
public final class ConfigSources {

    public static final String ENV_PREFIX = "EVENT_PIPELINE_";
    public static final String CONFIG_FILE_ARGUMENT = "config";
    public static final String CONFIG_FILE_ENV = ENV_PREFIX + "CONFIG";

    private final Map<String, ConfigValue> values = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private boolean helpRequested;

    private ConfigSources() {}

    /**
     * The environment variable the job reads {@code key} from: EVENT_PIPELINE_ and the key in upper case
     * with '.' and '-' as '_' (for {@code kafka.property.*} and {@code dlq.property.*} the rest is turned
     * back into a dotted Kafka property name when read).
     */
    public static String environmentVariable(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Reads all sources; the result holds the merged values and every problem found. */
    public static ConfigSources read(String[] args, Map<String, String> environment) {
        ConfigSources sources = new ConfigSources();
        Map<String, ConfigValue> fromArgs = sources.parseArguments(args);
        ConfigValue file = fromArgs.remove(CONFIG_FILE_ARGUMENT);
        if (file == null && environment.containsKey(CONFIG_FILE_ENV)) {
            file = new ConfigValue(environment.get(CONFIG_FILE_ENV), CONFIG_FILE_ENV);
        }
        if (file != null) {
            sources.readFile(file);
        }
        sources.readEnvironment(environment);
        sources.values.putAll(fromArgs);
        sources.checkKeysAreKnown();
        return sources;
    }

    public boolean helpRequested() {
        return helpRequested;
    }

    Map<String, ConfigValue> values() {
        return values;
    }

    List<String> problems() {
        return problems;
    }

    private Map<String, ConfigValue> parseArguments(String[] args) {
        Map<String, ConfigValue> parsed = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                helpRequested = true;
                continue;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                problems.add(notAnOption(arg, i));
                continue;
            }
            String key = arg.substring(2);
            String value;
            int equals = key.indexOf('=');
            if (equals >= 0) {
                value = key.substring(equals + 1);
                key = key.substring(0, equals);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else if (isFlag(key)) {
                value = "true";
            } else {
                problems.add("--" + key + " needs a value: --" + key + " <value>");
                continue;
            }
            parsed.put(key, new ConfigValue(value, "--" + key));
        }
        return parsed;
    }

    /**
     * A stray argument is named by its position only: it is most often a value whose key was
     * mistyped, and that value may be a password. Something that looks like a key is named up to '='.
     */
    private static String notAnOption(String arg, int index) {
        String hint = ": options look like --key value or --key=value";
        if (arg.startsWith("-") && arg.length() > 1) {
            int equals = arg.indexOf('=');
            return "argument '" + (equals < 0 ? arg : arg.substring(0, equals) + "=...") + "' is not an option" + hint;
        }
        return "argument " + (index + 1) + " is not an option (not shown: it may be a secret)" + hint;
    }

    private static boolean isFlag(String key) {
        return JobOptions.ALL.stream()
                .anyMatch(option -> option.key().equals(key) && "false".equals(option.defaultValue().orElse(null)));
    }

    private void readFile(ConfigValue file) {
        Path path = Path.of(file.text());
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path)) {
            properties.load(reader);
        } catch (IOException e) {
            problems.add("config file '" + path + "' (from " + file.origin() + ") cannot be read: " + e
                    + "; give the path of a readable .properties file");
            return;
        }
        for (String key : properties.stringPropertyNames()) {
            values.put(key, new ConfigValue(properties.getProperty(key), path.getFileName() + ": " + key));
        }
    }

    private void readEnvironment(Map<String, String> environment) {
        Map<String, String> keysByVariable = new LinkedHashMap<>();
        for (JobOption<?> option : JobOptions.ALL) {
            keysByVariable.put(option.environmentVariable(), option.key());
        }
        environment.keySet().stream().sorted().forEach(variable -> {
            if (!variable.startsWith(ENV_PREFIX) || variable.equals(CONFIG_FILE_ENV)) {
                return;
            }
            String key = keysByVariable.get(variable);
            for (String prefix : JobOptions.PROPERTY_PREFIXES) {
                // kafka.property. -> EVENT_PIPELINE_KAFKA_PROPERTY_, dlq.property. -> EVENT_PIPELINE_DLQ_PROPERTY_
                String variablePrefix = ENV_PREFIX + prefix.toUpperCase(Locale.ROOT).replace('.', '_');
                if (key == null && variable.startsWith(variablePrefix)) {
                    // Kafka property names are lower case with dots: SASL_JAAS_CONFIG -> sasl.jaas.config
                    key = prefix + variable.substring(variablePrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                }
            }
            if (key == null) {
                problems.add("environment variable " + variable + " is not a known setting"
                        + suggestion(variable, new ArrayList<>(keysByVariable.keySet())));
                return;
            }
            values.put(key, new ConfigValue(environment.get(variable), variable));
        });
    }

    private void checkKeysAreKnown() {
        List<String> known = JobOptions.ALL.stream().map(JobOption::key).toList();
        values.entrySet().removeIf(entry -> {
            String key = entry.getKey();
            if (known.contains(key)) {
                return false;
            }
            if (JobOptions.PROPERTY_PREFIXES.stream()
                    .anyMatch(prefix -> key.startsWith(prefix) && key.length() > prefix.length())) {
                return false;
            }
            // The key only: its value may be a secret under a mistyped name.
            problems.add("unknown key '" + key + "' (from " + entry.getValue().origin() + "; its value is not shown)"
                    + suggestion(key, known));
            return true;
        });
    }

    /** "; did you mean X?" for the closest known name, if it is close. */
    private static String suggestion(String name, List<String> known) {
        return known.stream()
                .min(Comparator.comparingInt(candidate -> editDistance(name, candidate)))
                .filter(best -> editDistance(name, best) <= Math.max(2, best.length() / 4))
                .map(best -> "; did you mean " + best + "?")
                .orElse("");
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
