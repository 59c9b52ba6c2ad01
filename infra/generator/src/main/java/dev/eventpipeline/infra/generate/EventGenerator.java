package dev.eventpipeline.infra.generate;

import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.model.UserEvent;
import dev.eventpipeline.model.json.UserEventJsonCodec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * An endless, reproducible stream of Kafka records that look like a shop's traffic:
 *
 * <ul>
 *   <li>users picked with Zipf-skewed popularity ({@link UserPopularity}); each record is keyed by its user id;
 *   <li>event types in a funnel mix: view &gt; click &gt; search &gt; add_to_cart &gt; login &gt; purchase;
 *   <li>metadata a tracker would send: source (each user sticks to one device), session_id (a new
 *       session on login and now and then), page, product_id, query, amount and currency for purchases;
 *   <li>{@code event_time} from the clock, but strictly increasing per user (at least 1 ms apart), so
 *       no two valid events share the table's primary key and every valid event becomes its own row;
 *   <li>an exact share of invalid payloads, spread evenly through the stream, each a broken variant of
 *       an event with one reject reason drawn from {@link Settings#reasons()} ({@link HostilePayloads}).
 * </ul>
 *
 * The same settings (seed, users, clock) give the same records. Not thread-safe: one per sending thread.
 */
public final class EventGenerator {

    private static final String[] TYPES = {"view", "click", "search", "add_to_cart", "login", "purchase"};
    private static final int[] TYPE_WEIGHTS = {50, 25, 10, 8, 5, 2};
    private static final String[] SOURCES = {"web", "web", "web", "ios", "ios", "android"};
    private static final String[] PAGES = {"/", "/search", "/category/shoes", "/category/jackets", "/category/bags",
        "/deals", "/cart", "/account"};
    private static final String[] ELEMENTS = {"product_card", "add_to_cart_button", "nav_link", "banner", "filter"};
    private static final String[] QUERIES = {"running shoes", "rain jacket", "backpack", "wool socks", "sneakers",
        "winter boots", "leather bag", "sunglasses"};
    private static final String[] LOGIN_METHODS = {"password", "password", "google", "apple"};
    private static final int PRODUCTS = 5000;

    private final Settings settings;
    private final SplittableRandom random;
    private final UserPopularity popularity;
    private final UUID[] users;
    private final String[] userSources;
    private final String[] sessions;
    private final long[] lastMillis;
    private final List<RejectReason> reasons;
    private final HostilePayloads hostile;
    private final UserEventJsonCodec codec = UserEventJsonCodec.create();
    private final int totalWeight = Arrays.stream(TYPE_WEIGHTS).sum();
    private long generated;

    public EventGenerator(Settings settings) {
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed());
        this.popularity = new UserPopularity(settings.users(), settings.zipfExponent());
        this.users = new UUID[settings.users()];
        this.userSources = new String[settings.users()];
        this.sessions = new String[settings.users()];
        this.lastMillis = new long[settings.users()];
        for (int rank = 0; rank < users.length; rank++) {
            users[rank] = randomUuid();
            userSources[rank] = SOURCES[random.nextInt(SOURCES.length)];
            sessions[rank] = newSession();
            lastMillis[rank] = Long.MIN_VALUE;
        }
        this.reasons = List.copyOf(settings.reasons());
        this.hostile = new HostilePayloads(settings.limits());
    }

    public static Settings.Builder settings() {
        return new Settings.Builder();
    }

    /** The next record. */
    public GeneratedRecord next() {
        long index = generated++;
        int rank = popularity.sample(random);
        UserEvent event = nextEvent(rank);
        if (!isInvalid(index)) {
            return GeneratedRecord.valid(event, codec.encode(event));
        }
        RejectReason reason = reasons.get(random.nextInt(reasons.size()));
        return GeneratedRecord.invalid(event.userId(), hostile.refusedFor(reason, event, random), reason);
    }

    /**
     * The events of the next records until {@code count} are valid (invalid records are passed over): with
     * a {@link SpreadClock} for their times, a list of valid events with distinct primary keys.
     */
    public List<UserEvent> nextValidEvents(int count) {
        if (count > 0 && settings.invalidFraction() == 1) {
            throw new IllegalStateException("every record is invalid: there are no valid events to take");
        }
        List<UserEvent> events = new ArrayList<>(count);
        while (events.size() < count) {
            next().event().ifPresent(events::add);
        }
        return events;
    }

    /** The user ids, most popular first. */
    public List<UUID> users() {
        return List.of(users);
    }

    public Settings settingsUsed() {
        return settings;
    }

    /** Exactly floor(n * fraction) of the first n records are invalid, evenly spread. */
    private boolean isInvalid(long index) {
        double fraction = settings.invalidFraction();
        return fraction > 0 && Math.floor((index + 1) * fraction) > Math.floor(index * fraction);
    }

    private UserEvent nextEvent(int rank) {
        String type = nextType();
        long millis = Math.max(settings.clock().millis(), lastMillis[rank] + 1);
        lastMillis[rank] = millis;
        if (type.equals("login") || random.nextInt(50) == 0) {
            sessions[rank] = newSession();
        }
        var builder = UserEvent.builder()
                .userId(users[rank])
                .eventType(type)
                .eventTime(Instant.ofEpochMilli(millis))
                .eventId(randomUuid())
                .putMetadata("source", userSources[rank])
                .putMetadata("session_id", sessions[rank]);
        switch (type) {
            case "view":
                builder.putMetadata("page", random.nextInt(3) == 0 ? PAGES[random.nextInt(PAGES.length)] : productPage());
                break;
            case "click":
                builder.putMetadata("page", productPage()).putMetadata("element", ELEMENTS[random.nextInt(ELEMENTS.length)]);
                break;
            case "search":
                builder.putMetadata("page", "/search").putMetadata("query", QUERIES[random.nextInt(QUERIES.length)])
                        .putMetadata("results", Integer.toString(random.nextInt(240)));
                break;
            case "add_to_cart":
                builder.putMetadata("page", productPage()).putMetadata("product_id", product())
                        .putMetadata("quantity", Integer.toString(1 + random.nextInt(3)));
                break;
            case "login":
                builder.putMetadata("page", "/login").putMetadata("method", LOGIN_METHODS[random.nextInt(LOGIN_METHODS.length)]);
                break;
            default: // purchase: log-normal-ish basket, 5 to ~500 EUR
                double amount = Math.min(2000, Math.exp(3.5 + random.nextDouble() * 1.0 + random.nextDouble() * 1.2));
                builder.putMetadata("page", "/checkout/complete")
                        .putMetadata("order_id", "O-" + Long.toHexString(random.nextLong() >>> 24).toUpperCase(Locale.ROOT))
                        .putMetadata("amount", String.format(Locale.ROOT, "%.2f", amount))
                        .putMetadata("currency", "EUR")
                        .putMetadata("items", Integer.toString(1 + random.nextInt(4)));
                break;
        }
        return builder.build();
    }

    private String nextType() {
        int pick = random.nextInt(totalWeight);
        for (int i = 0; i < TYPES.length; i++) {
            pick -= TYPE_WEIGHTS[i];
            if (pick < 0) {
                return TYPES[i];
            }
        }
        throw new AssertionError();
    }

    private String product() {
        // Product popularity is skewed too: a few best sellers.
        int id = (int) Math.min(PRODUCTS - 1, Math.floor(Math.pow(random.nextDouble(), 3) * PRODUCTS));
        return "P-" + (10000 + id);
    }

    private String productPage() {
        return "/product/" + product();
    }

    private String newSession() {
        return "s-" + Long.toHexString(random.nextLong() >>> 16);
    }

    /** A random (version 4) UUID from the seeded source. */
    private UUID randomUuid() {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & ~(0xC000000000000000L)) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /**
     * What to generate.
     *
     * @param users           how many distinct users (their ids are derived from the seed)
     * @param zipfExponent    skew of user popularity; 0 is uniform, 1 (the default) is Zipf's law
     * @param invalidFraction share of invalid payloads, 0 to 1
     * @param reasons         the reject reasons invalid payloads are drawn from (uniformly)
     * @param limits          the job's validation limits, which the invalid payloads exceed
     * @param seed            the same seed gives the same users and records
     * @param clock           event times come from this clock
     */
    public record Settings(int users, double zipfExponent, double invalidFraction, Set<RejectReason> reasons,
            PayloadLimits limits, long seed, Clock clock) {

        public Settings {
            if (users < 1) {
                throw new IllegalArgumentException("users must be at least 1: " + users);
            }
            if (!(invalidFraction >= 0 && invalidFraction <= 1)) {
                throw new IllegalArgumentException("invalid fraction must be between 0 and 1: " + invalidFraction);
            }
            reasons = Set.copyOf(reasons.isEmpty() ? Set.of() : EnumSet.copyOf(reasons));
            if (invalidFraction > 0 && reasons.isEmpty()) {
                throw new IllegalArgumentException("an invalid fraction needs at least one reject reason");
            }
            Set<RejectReason> unreachable = EnumSet.noneOf(RejectReason.class);
            unreachable.addAll(reasons);
            unreachable.removeAll(limits.reachableReasons());
            if (!unreachable.isEmpty()) {
                throw new IllegalArgumentException("these reasons cannot be produced under " + limits + ": " + unreachable);
            }
        }

        @Override
        public Set<RejectReason> reasons() {
            Set<RejectReason> ordered = EnumSet.noneOf(RejectReason.class);
            ordered.addAll(reasons);
            return ordered;
        }

        public static final class Builder {
            private int users = 1000;
            private double zipfExponent = 1.0;
            private double invalidFraction;
            private Set<RejectReason> reasons;
            private PayloadLimits limits = PayloadLimits.JOB_DEFAULTS;
            private long seed = System.nanoTime();
            private Clock clock = Clock.systemUTC();

            public Builder users(int users) {
                this.users = users;
                return this;
            }

            public Builder zipfExponent(double zipfExponent) {
                this.zipfExponent = zipfExponent;
                return this;
            }

            public Builder invalidFraction(double invalidFraction) {
                this.invalidFraction = invalidFraction;
                return this;
            }

            /** Default: every reason reachable under the limits. */
            public Builder reasons(Set<RejectReason> reasons) {
                this.reasons = reasons;
                return this;
            }

            public Builder limits(PayloadLimits limits) {
                this.limits = limits;
                return this;
            }

            public Builder seed(long seed) {
                this.seed = seed;
                return this;
            }

            public Builder clock(Clock clock) {
                this.clock = clock;
                return this;
            }

            public Settings build() {
                return new Settings(users, zipfExponent, invalidFraction,
                        reasons != null ? reasons : limits.reachableReasons(), limits, seed, clock);
            }

            public EventGenerator generator() {
                return new EventGenerator(build());
            }
        }
    }
}
