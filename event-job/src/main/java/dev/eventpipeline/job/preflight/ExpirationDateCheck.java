package dev.eventpipeline.job.preflight;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * Cassandra refuses a write whose expiration ({@code now + ttl}) lies past its maximum expiration
 * date (ExpirationDateOverflowHandling, policy REJECT by default): with storage_compatibility_mode
 * CASSANDRA_4 (5.0's default) or UPGRADING that is 2038-01-19T03:14:06Z (Cell.MAX_DELETION_TIME_2038_LEGACY_CAP,
 * 2^31 - 2 s), with NONE 2106-02-07T06:28:13Z (Cell.MAX_DELETION_TIME, 2^32 - 3 s). In UPGRADING the
 * node uses the later date only once every node speaks 5.0's messaging version, which the job cannot
 * see, so the earlier one is assumed. The job's TTL is fixed, so the check is for writes made now;
 * later writes reach the limit sooner, which the caller logs.
 */
final class ExpirationDateCheck {

    static final Instant LEGACY_MAX_EXPIRATION = Instant.ofEpochSecond(2_147_483_646L);
    static final Instant MAX_EXPIRATION = Instant.ofEpochSecond(4_294_967_293L);

    /** The latest expiration the node accepts, and why (for messages). */
    record Limit(Instant maxExpiration, String reason) {}

    private ExpirationDateCheck() {}

    /** The limit for the mode the node reports; empty (check skipped) for an unknown mode. */
    static Optional<Limit> limit(String storageCompatibilityMode, boolean defaulted) {
        String mode = storageCompatibilityMode.trim().toUpperCase(Locale.ROOT);
        String reason = "storage_compatibility_mode " + mode + (defaulted ? ", Cassandra 5.0's default" : "");
        return switch (mode) {
            case "CASSANDRA_4", "UPGRADING" -> Optional.of(new Limit(LEGACY_MAX_EXPIRATION, reason));
            case "NONE" -> Optional.of(new Limit(MAX_EXPIRATION, reason));
            default -> Optional.empty();
        };
    }

    /** A problem when rows written now would expire after the limit. */
    static Optional<String> problem(Duration ttl, Limit limit, Instant now) {
        Instant expires = now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(ttl.toSeconds()); // Cassandra counts seconds
        if (!expires.isAfter(limit.maxExpiration())) {
            return Optional.empty();
        }
        long maxDays = Math.max(0, Duration.between(now, limit.maxExpiration()).toDays());
        return Optional.of("cassandra.ttl=" + describe(ttl) + " makes rows written now expire at " + expires
                + ", after Cassandra's maximum expiration date " + limit.maxExpiration() + " (" + limit.reason()
                + "), so Cassandra would refuse every write: lower cassandra.ttl to at most " + maxDays + " d"
                + (limit.maxExpiration().equals(LEGACY_MAX_EXPIRATION)
                        ? ", or set storage_compatibility_mode: NONE on every node once all run 5.0" : ""));
    }

    /** When writes with this TTL start being refused: the limit minus the TTL. */
    static Instant refusedFrom(Duration ttl, Limit limit) {
        return limit.maxExpiration().minusSeconds(ttl.toSeconds());
    }

    static String describe(Duration ttl) {
        long seconds = ttl.toSeconds();
        return seconds % 86_400 == 0 ? seconds / 86_400 + " d (" + seconds + " s)" : seconds + " s";
    }
}
