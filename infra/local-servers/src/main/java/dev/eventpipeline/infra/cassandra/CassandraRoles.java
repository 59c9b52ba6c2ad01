package dev.eventpipeline.infra.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.eventpipeline.infra.security.Credential;
import dev.eventpipeline.infra.security.LocalCredentials;
import java.time.Duration;
import java.util.List;

/**
 * The secured local Cassandra's roles, set up by its admin role after every start (idempotent): the job's
 * writer and the reader, each with only what it needs, and the default {@code cassandra} superuser dropped.
 * Passwords are CQL string literals here (role options take no bind markers); the generated ones are
 * alphanumeric, so they need no escaping.
 */
public final class CassandraRoles {

    /** Created by PasswordAuthenticator on a fresh node, with password {@code cassandra}. */
    public static final String DEFAULT_SUPERUSER = "cassandra";

    private CassandraRoles() {}

    /** As the default superuser: creates the admin role (a superuser with a generated password). */
    public static void createAdmin(CqlSession defaultSuperuser, Credential admin) {
        execute(defaultSuperuser, "CREATE ROLE IF NOT EXISTS " + admin.user() + " WITH PASSWORD = '"
                + literal(admin.password()) + "' AND SUPERUSER = true AND LOGIN = true");
    }

    /**
     * As the admin role: the writer and reader roles, the default superuser gone. Their passwords are set
     * once (Cassandra 5 limits how often one may change), from the credentials file kept with the data.
     */
    public static void setUp(CqlSession admin, LocalCredentials credentials) {
        for (Credential role : List.of(credentials.cassandraWriter(), credentials.cassandraReader())) {
            execute(admin, "CREATE ROLE IF NOT EXISTS " + role.user() + " WITH PASSWORD = '" + literal(role.password())
                    + "' AND LOGIN = true");
        }
        // The job's start-up checks compare its limits with the node's settings (which show no secrets).
        execute(admin, "GRANT SELECT ON TABLE system_views.settings TO " + credentials.cassandraWriter().user());
        execute(admin, "DROP ROLE IF EXISTS " + DEFAULT_SUPERUSER);
    }

    /** What the roles may do on the target's table: the writer MODIFY, the reader SELECT; nothing else. */
    public static void grant(CqlSession admin, LocalCredentials credentials, SchemaTarget target) {
        execute(admin, "GRANT MODIFY ON TABLE " + target.qualifiedTable() + " TO " + credentials.cassandraWriter().user());
        execute(admin, "GRANT SELECT ON TABLE " + target.qualifiedTable() + " TO " + credentials.cassandraReader().user());
    }

    private static String literal(String password) {
        if (!password.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("a role password must be alphanumeric (the generated ones are)");
        }
        return password;
    }

    private static void execute(CqlSession session, String statement) {
        session.execute(SimpleStatement.newInstance(statement).setTimeout(Duration.ofSeconds(60)));
    }
}
