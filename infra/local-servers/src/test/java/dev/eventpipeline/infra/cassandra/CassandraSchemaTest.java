package dev.eventpipeline.infra.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventpipeline.model.TableLayout;
import dev.eventpipeline.model.UserEventCassandraModel;
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
    void theEventIdLayoutAddsItsTableAfterTheKeyspaceAndSeedTable() {
        assertThat(CassandraSchema.statements(TableLayout.SEED)).isEqualTo(CassandraSchema.statements());
        assertThat(CassandraSchema.statements(TableLayout.EVENT_ID))
                .startsWith(CassandraSchema.statements().toArray(String[]::new))
                .endsWith("CREATE TABLE IF NOT EXISTS event_streaming.user_events_by_event_id (user_id UUID,"
                        + " bucket_date DATE, event_time TIMESTAMP, event_type TEXT, event_id UUID,"
                        + " metadata MAP<TEXT, TEXT>,"
                        + " PRIMARY KEY ((user_id, bucket_date), event_time, event_type, event_id))"
                        + " WITH CLUSTERING ORDER BY (event_time DESC, event_type ASC, event_id ASC)")
                .hasSize(3);
        assertThat(CassandraSchema.qualifiedTable(TableLayout.EVENT_ID))
                .isEqualTo("event_streaming.user_events_by_event_id");
    }

    @Test
    void theEventIdTableHasTheLayoutsClusteringColumnsInKeyOrder() {
        String create = CassandraSchema.statements(TableLayout.EVENT_ID).get(2);
        assertThat(create).contains("PRIMARY KEY ((" + String.join(", ", TableLayout.PARTITION_KEY) + "), "
                + String.join(", ", TableLayout.EVENT_ID.clusteringColumns()) + "))");
    }

    @Test
    void otherNamesAreSubstitutedForTheFilesKeyspaceAndTheLayoutsTable() {
        assertThat(CassandraSchema.statements(new SchemaTarget(TableLayout.SEED, "shop", "clicks")))
                .containsExactly(
                        "CREATE KEYSPACE IF NOT EXISTS shop"
                                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
                        CassandraSchema.statements().get(1).replace("event_streaming.user_events ", "shop.clicks "));
        assertThat(CassandraSchema.statements(new SchemaTarget(TableLayout.EVENT_ID, "shop", "clicks")))
                .containsExactly(
                        "CREATE KEYSPACE IF NOT EXISTS shop"
                                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
                        CassandraSchema.statements().get(1).replace("event_streaming.user_events ", "shop.user_events "),
                        CassandraSchema.statements(TableLayout.EVENT_ID).get(2)
                                .replace("event_streaming.user_events_by_event_id ", "shop.clicks "));
        assertThat(new SchemaTarget(TableLayout.EVENT_ID, "shop", "clicks").qualifiedTable()).isEqualTo("shop.clicks");
    }

    @Test
    void theDefaultTargetIsTheFilesOwnNames() {
        assertThat(CassandraSchema.statements(SchemaTarget.of(TableLayout.EVENT_ID)))
                .isEqualTo(CassandraSchema.statements(TableLayout.EVENT_ID));
        assertThat(SchemaTarget.of(TableLayout.SEED))
                .isEqualTo(new SchemaTarget(TableLayout.SEED, UserEventCassandraModel.KEYSPACE, UserEventCassandraModel.TABLE));
    }

    @Test
    void aReplicationReplacesOnlyTheKeyspacesReplicationMap() {
        SchemaTarget target = new SchemaTarget(TableLayout.EVENT_ID, "shop", "clicks");

        assertThat(CassandraSchema.statements(target, Replication.networkTopology("datacenter1", 3)))
                .containsExactly(
                        "CREATE KEYSPACE IF NOT EXISTS shop"
                                + " WITH replication = {'class': 'NetworkTopologyStrategy', 'datacenter1': 3}",
                        CassandraSchema.statements(target).get(1),
                        CassandraSchema.statements(target).get(2));
    }

    @Test
    void aReplicationMustBeOneMapWithAPlainDatacenterName() {
        assertThatThrownBy(() -> Replication.networkTopology("dc'1", 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Replication.networkTopology("datacenter1", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Replication("{'a': 1}; DROP KEYSPACE x; {}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesThatAreNotPlainCqlIdentifiersAreRefused() {
        assertThatThrownBy(() -> new SchemaTarget(TableLayout.SEED, "shop; DROP KEYSPACE x", "clicks"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyspace");
        assertThatThrownBy(() -> new SchemaTarget(TableLayout.SEED, "shop", "Clicks"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table 'Clicks'");
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
