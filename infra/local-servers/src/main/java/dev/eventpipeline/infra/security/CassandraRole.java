package dev.eventpipeline.infra.security;

import java.util.function.Function;

/** The secured local Cassandra's roles; the default {@code cassandra} superuser is dropped. */
public enum CassandraRole {
    /** Superuser: applies the schema, creates the other roles. */
    ADMIN(LocalCredentials::cassandraAdmin),
    /**
     * The job's: MODIFY on the events table, and SELECT on system_views.settings for its start-up checks
     * (the system_schema tables they also read are open to every role).
     */
    WRITER(LocalCredentials::cassandraWriter),
    /** {@code pipeline query}'s and the demo's: SELECT on the events table only. */
    READER(LocalCredentials::cassandraReader);

    private final Function<LocalCredentials, Credential> credential;

    CassandraRole(Function<LocalCredentials, Credential> credential) {
        this.credential = credential;
    }

    public Credential credential(LocalCredentials credentials) {
        return credential.apply(credentials);
    }
}
