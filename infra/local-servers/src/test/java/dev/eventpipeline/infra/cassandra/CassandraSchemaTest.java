package dev.eventpipeline.infra.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CassandraSchemaTest {

    @Test
    void readsTheKeyspaceAndTableFromThePackagedSchemaFile() {
        assertThat(CassandraSchema.statements()).containsExactly(
                "CREATE KEYSPACE IF NOT EXISTS event_streaming"
                        + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
                "CREATE TABLE IF NOT EXISTS event_streaming.user_events (user_id UUID, bucket_date DATE,"
                        + " event_time TIMESTAMP, event_type TEXT, event_id UUID, metadata MAP<TEXT, TEXT>,"
                        + " PRIMARY KEY ((user_id, bucket_date), event_time, event_type))"
                        + " WITH CLUSTERING ORDER BY (event_time DESC, event_type ASC)");
    }

    @Test
    void splitDropsCommentLinesAndBlankStatements() {
        String script = """
                -- a comment; with a semicolon
                // another
                CREATE TABLE t (a int PRIMARY KEY);

                INSERT INTO t (a)
                  VALUES (1);
                ;
                """;

        assertThat(CassandraSchema.split(script))
                .containsExactly("CREATE TABLE t (a int PRIMARY KEY)", "INSERT INTO t (a) VALUES (1)");
    }
}
