package dev.eventpipeline.connectors.cassandra;

import java.time.Duration;
import java.util.Optional;

/** The upsert for one row. An INSERT of the full primary key is idempotent: replays overwrite. */
public final class UserEventsInsert {

    private UserEventsInsert() {}

    public static String cql(String keyspace, String table, Optional<Duration> ttl) {
        String cql = "INSERT INTO " + CqlIdentifiers.require("keyspace", keyspace) + "."
                + CqlIdentifiers.require("table", table)
                + " (user_id, bucket_date, event_time, event_type, event_id, metadata) VALUES (?, ?, ?, ?, ?, ?)";
        return ttl.map(t -> cql + " USING TTL " + t.toSeconds()).orElse(cql);
    }
}
