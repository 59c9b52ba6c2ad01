package dev.eventpipeline.job.preflight;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the node says about itself in {@code system_views.settings} (Cassandra 4.0+, a virtual table
 * of cassandra.yaml as the node runs it) and {@code system.local}. Only what the checks need.
 */
final class CassandraServerSettings {

    static final String STORAGE_COMPATIBILITY_MODE = "storage_compatibility_mode";
    static final String MAX_MUTATION_SIZE = "max_mutation_size";
    static final String COMMITLOG_SEGMENT_SIZE = "commitlog_segment_size";

    /** Cassandra's DataStorageSpec: a whole number and a unit, e.g. 16384KiB, 32MiB. */
    private static final Pattern DATA_STORAGE = Pattern.compile("\\s*(\\d+)\\s*(B|KiB|MiB|GiB)\\s*");

    private final String releaseVersion;
    /** Name → value; a value may be null (the setting exists but is not set in cassandra.yaml). */
    private final Map<String, String> settings;

    CassandraServerSettings(String releaseVersion, Map<String, String> settings) {
        this.releaseVersion = releaseVersion;
        this.settings = settings;
    }

    String releaseVersion() {
        return releaseVersion;
    }

    boolean has(String name) {
        return settings.containsKey(name);
    }

    /** The value, empty when the setting is missing or unset ("null"). */
    Optional<String> value(String name) {
        String value = settings.get(name);
        return value == null || value.isBlank() || value.equals("null") ? Optional.empty() : Optional.of(value.trim());
    }

    /**
     * The largest mutation the node accepts, in bytes: max_mutation_size, or (as Cassandra
     * derives it when unset) half of commitlog_segment_size. The pre-4.1 names in KiB/MiB count too.
     */
    OptionalLong maxMutationBytes() {
        Optional<Long> explicit = value(MAX_MUTATION_SIZE).flatMap(CassandraServerSettings::bytes)
                .or(() -> value(MAX_MUTATION_SIZE + "_in_kb").flatMap(CassandraServerSettings::wholeNumber)
                        .map(kib -> kib * 1024));
        if (explicit.isPresent()) {
            return OptionalLong.of(explicit.get());
        }
        Optional<Long> segment = value(COMMITLOG_SEGMENT_SIZE).flatMap(CassandraServerSettings::bytes)
                .or(() -> value(COMMITLOG_SEGMENT_SIZE + "_in_mb").flatMap(CassandraServerSettings::wholeNumber)
                        .map(mib -> mib * 1024 * 1024));
        return segment.map(bytes -> OptionalLong.of(bytes / 2)).orElse(OptionalLong.empty());
    }

    /** "16384KiB" → 16777216. */
    static Optional<Long> bytes(String dataStorage) {
        Matcher matcher = DATA_STORAGE.matcher(dataStorage);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        long unit = switch (matcher.group(2)) {
            case "KiB" -> 1024L;
            case "MiB" -> 1024L * 1024;
            case "GiB" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return Optional.of(amount * unit);
    }

    private static Optional<Long> wholeNumber(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Cassandra 5.0's own default of storage_compatibility_mode when cassandra.yaml does not set it. */
    Optional<String> defaultStorageCompatibilityMode() {
        return releaseVersion != null && releaseVersion.startsWith("5.0") ? Optional.of("CASSANDRA_4") : Optional.empty();
    }
}
