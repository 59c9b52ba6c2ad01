package dev.eventpipeline.job.config;

/** The {@code --help} listing: every key with its default, description and environment variable. */
public final class HelpText {

    private HelpText() {}

    public static String render(String command) {
        StringBuilder out = new StringBuilder()
                .append("Usage: ").append(command).append(" [--config FILE] [--key value ...]\n\n")
                .append("Values come from a .properties file (--config or ").append(ConfigSources.CONFIG_FILE_ENV)
                .append("), then environment variables, then arguments; later sources win.\n")
                .append("Kafka client properties pass through as --").append(JobOptions.KAFKA_PROPERTY_PREFIX)
                .append("<name> value (e.g. --kafka.property.security.protocol SSL);\n")
                .append("the dead-letter producer uses them too, overridden by --").append(JobOptions.DLQ_PROPERTY_PREFIX)
                .append("<name> value (an empty value removes one).\n")
                .append("Secrets (cassandra.password, *.password, kafka.property.sasl.jaas.config, ...) are never shown; ")
                .append("set them in the --config file,\nthe environment or cassandra.password-file, not as arguments ")
                .append("(other users of the machine can see those).\n\n");
        for (JobOption<?> option : JobOptions.ALL) {
            out.append(String.format("  --%-38s %s%s%n", option.key(), option.description(),
                    option.isSecret() && !option.description().contains("secret") ? " (secret)" : ""));
            out.append(String.format("    %-38s default: %s; env: %s%n", "",
                    option.defaultValue().orElse("unset"), option.environmentVariable()));
        }
        return out.toString();
    }
}
