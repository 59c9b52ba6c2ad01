package dev.eventpipeline.connectors.secrets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that decides what is secret, and hides it. A key holds a secret when its name
 * contains one of {@link #SENSITIVE_FRAGMENTS} (Flink's own list, {@code GlobalConfiguration.isSensitive},
 * plus the names of every PASSWORD-type Kafka client setting) and does not name a file: the value of
 * {@code cassandra.password-file} or {@code ssl.truststore.location} is a path, shown so errors can
 * point at it. Over-redacting a harmless value is the accepted price of never showing a secret.
 */
public final class Secrets {

    /** What a secret value is shown as. */
    public static final String REDACTED = "<redacted>";

    /** Lower-case fragments of the names of keys that hold secrets. */
    static final List<String> SENSITIVE_FRAGMENTS = List.of(
            // Flink's GlobalConfiguration.isSensitive
            "password", "secret", "fs.azure.account.key", "apikey", "api-key", "auth-params", "service-key",
            "token", "basic-auth", "jaas.config", "http-headers",
            // Kafka's PASSWORD-type client settings whose names say nothing of it: PEM keys and certificates
            "ssl.keystore.key", "ssl.keystore.certificate.chain", "ssl.truststore.certificates",
            // and the usual others
            "credential", "private.key", "private-key", "basic.auth");

    /** Suffixes of keys whose value is where a secret is kept, not the secret. */
    private static final List<String> FILE_SUFFIXES = List.of("-file", ".file", ".path", ".location");

    /** A secret inside a value, such as the password of a JAAS login module: {@code password="..."}. */
    private static final Pattern EMBEDDED = Pattern.compile(
            "(?i)\\b\\w*(?:password|secret|token)\\w*\\s*=\\s*\"([^\"]*)\"");

    private Secrets() {}

    /** Whether the value of {@code key} (a job option or a Kafka client property name) is a secret. */
    public static boolean isSecretKey(String key) {
        String name = key.toLowerCase(Locale.ROOT);
        if (FILE_SUFFIXES.stream().anyMatch(name::endsWith)) {
            return false;
        }
        return SENSITIVE_FRAGMENTS.stream().anyMatch(name::contains);
    }

    /** The value as it may be shown: itself, or {@link #REDACTED} if {@code key} holds a secret. */
    public static String shown(String key, String value) {
        return isSecretKey(key) ? REDACTED : value;
    }

    /** The properties as they may be shown (toString, logs): every secret value replaced, order kept. */
    public static Map<String, String> redacted(Map<String, String> properties) {
        Map<String, String> shown = new LinkedHashMap<>();
        properties.forEach((key, value) -> shown.put(key, shown(key, value)));
        return java.util.Collections.unmodifiableMap(shown);
    }

    /**
     * Every secret value among the properties, for {@link #scrub}: the values of secret keys, and
     * the secrets inside any value (a JAAS config's {@code password="..."}), which a client's error
     * may quote on their own.
     */
    public static List<String> valuesIn(Map<String, String> properties) {
        List<String> secrets = new ArrayList<>();
        properties.forEach((key, value) -> {
            if (value == null) {
                return;
            }
            if (isSecretKey(key)) {
                secrets.add(value);
            }
            Matcher embedded = EMBEDDED.matcher(value);
            while (embedded.find()) {
                secrets.add(embedded.group(1));
            }
        });
        secrets.removeIf(String::isEmpty);
        return secrets;
    }

    /** {@code text} with every occurrence of each secret replaced by {@link #REDACTED}, longest first. */
    public static String scrub(String text, Collection<String> secrets) {
        if (text == null) {
            return null;
        }
        String scrubbed = text;
        List<String> longestFirst = secrets.stream().filter(secret -> secret != null && !secret.isEmpty())
                .distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String secret : longestFirst) {
            scrubbed = scrubbed.replace(secret, REDACTED);
        }
        return scrubbed;
    }
}
