package dev.eventpipeline.job.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.metadata.Node;
import dev.eventpipeline.connectors.cassandra.CassandraTlsSettings;
import dev.eventpipeline.connectors.cassandra.ImmutableCassandraSinkSettings;
import dev.eventpipeline.job.config.ImmutablePipelineConfig;
import dev.eventpipeline.job.config.PipelineConfig;
import dev.eventpipeline.model.TableLayout;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The comparisons behind the start-up checks, on values as the servers report them; no servers. */
class PreflightChecksTest {

    private static final TableShapeCheck SEED = new TableShapeCheck("event_streaming", "user_events", TableLayout.SEED);
    private static final TableShapeCheck EVENT_ID =
            new TableShapeCheck("event_streaming", "user_events_by_event_id", TableLayout.EVENT_ID);

    /** system_schema.columns rows of a table as infra/cassandra creates it, with one type replaced if asked. */
    private static TableShape table(TableLayout layout, Map<String, String> typeOverrides) {
        List<TableShape.Column> columns = new ArrayList<>();
        // Deliberately not in key order: the check must sort by position.
        columns.add(new TableShape.Column("metadata", "regular", -1, typeOverrides.getOrDefault("metadata", "map<text, text>")));
        columns.add(new TableShape.Column("bucket_date", "partition_key", 1, "date"));
        columns.add(new TableShape.Column("user_id", "partition_key", 0, "uuid"));
        List<String> clustering = layout.clusteringColumns();
        for (String column : List.of("event_time", "event_type", "event_id")) {
            String type = typeOverrides.getOrDefault(column, ExpectedTable.COLUMNS.get(column));
            int position = clustering.indexOf(column);
            columns.add(new TableShape.Column(column, position >= 0 ? "clustering" : "regular", position, type));
        }
        return TableShape.of(columns);
    }

    private static TableShape table(TableLayout layout) {
        return table(layout, Map.of());
    }

    @Test
    void theTablesInfraCassandraCreatesPass() {
        assertThat(SEED.problems(true, Optional.of(table(TableLayout.SEED)))).isEmpty();
        assertThat(EVENT_ID.problems(true, Optional.of(table(TableLayout.EVENT_ID)))).isEmpty();
        assertThat(table(TableLayout.EVENT_ID).partitionKey()).containsExactly("user_id", "bucket_date");
        assertThat(table(TableLayout.EVENT_ID).clusteringColumns()).containsExactly("event_time", "event_type", "event_id");
    }

    @Test
    void aColumnOfAnotherTypeIsNamedWithBothTypes() {
        assertThat(SEED.problems(true, Optional.of(table(TableLayout.SEED, Map.of("metadata", "map<text, int>")))))
                .containsExactly("table event_streaming.user_events: column metadata is map<text, int>, expected "
                        + "map<text, text>: recreate it as infra/cassandra/schema.cql does (cassandra.table-layout=seed), "
                        + "or set cassandra.table to a table that has this shape");
        assertThat(SEED.problems(true, Optional.of(table(TableLayout.SEED, Map.of("event_time", "text")))))
                .singleElement().asString().contains("column event_time is text, expected timestamp");
    }

    @Test
    void varcharFrozenAndSpacingCountAsTheSameType() {
        assertThat(TableShapeCheck.sameType("frozen<map<varchar,text>>", "map<text, text>")).isTrue();
        assertThat(TableShapeCheck.sameType("VARCHAR", "text")).isTrue();
        assertThat(TableShapeCheck.sameType("map<text, int>", "map<text, text>")).isFalse();
        assertThat(TableShapeCheck.sameType("timeuuid", "uuid")).isFalse();
        assertThat(SEED.problems(true, Optional.of(table(TableLayout.SEED,
                Map.of("metadata", "frozen<map<text, text>>", "event_type", "varchar"))))).isEmpty();
    }

    @Test
    void aMissingKeyspaceOrTableSaysWhichFileCreatesIt() {
        assertThat(SEED.problems(false, Optional.empty())).containsExactly(
                "keyspace event_streaming does not exist: run infra/cassandra/schema.cql (pipeline up does) or set "
                        + "cassandra.keyspace");
        assertThat(EVENT_ID.problems(false, Optional.empty())).containsExactly(
                "keyspace event_streaming does not exist: run infra/cassandra/schema.cql and "
                        + "infra/cassandra/schema-event-id.cql (pipeline up --table-layout event-id does) or set "
                        + "cassandra.keyspace");
        assertThat(SEED.problems(true, Optional.empty())).containsExactly(
                "table event_streaming.user_events does not exist: run infra/cassandra/schema.cql (pipeline up does) "
                        + "or set cassandra.table");
        assertThat(EVENT_ID.problems(true, Optional.empty())).containsExactly(
                "table event_streaming.user_events_by_event_id does not exist: run infra/cassandra/schema-event-id.cql "
                        + "(pipeline up --table-layout event-id does) or set cassandra.table");
        assertThat(new TableShapeCheck("shop", "clicks", TableLayout.SEED).problems(true, Optional.empty()))
                .containsExactly("table shop.clicks does not exist: create it with the columns and key of "
                        + "infra/cassandra/schema.cql (cassandra.table-layout=seed) or set cassandra.table");
    }

    @Test
    void aTableOfTheOtherLayoutNamesTheLayoutToSet() {
        assertThat(new TableShapeCheck("event_streaming", "user_events_by_event_id", TableLayout.SEED)
                .problems(true, Optional.of(table(TableLayout.EVENT_ID))))
                .containsExactly("table event_streaming.user_events_by_event_id has clustering columns (event_time, "
                        + "event_type, event_id) but cassandra.table-layout=seed: set cassandra.table-layout=event-id");
        assertThat(new TableShapeCheck("event_streaming", "user_events", TableLayout.EVENT_ID)
                .problems(true, Optional.of(table(TableLayout.SEED))))
                .containsExactly("table event_streaming.user_events has clustering columns (event_time, event_type) "
                        + "but cassandra.table-layout=event-id: set cassandra.table-layout=seed");
    }

    @Test
    void anyOtherKeyIsRefusedOnceWithoutRepeatingItsColumns() {
        List<TableShape.Column> columns = List.of(
                new TableShape.Column("user_id", "partition_key", 0, "uuid"),
                new TableShape.Column("event_time", "clustering", 0, "timestamp"),
                new TableShape.Column("event_type", "regular", -1, "text"),
                new TableShape.Column("event_id", "regular", -1, "uuid"),
                new TableShape.Column("metadata", "regular", -1, "map<text, text>"),
                new TableShape.Column("extra", "regular", -1, "blob"));

        assertThat(SEED.problems(true, Optional.of(TableShape.of(columns)))).containsExactly(
                "table event_streaming.user_events has partition key (user_id) but the job writes partition key "
                        + "(user_id, bucket_date): recreate it as infra/cassandra/schema.cql does "
                        + "(cassandra.table-layout=seed), or set cassandra.table to a table that has this shape",
                "table event_streaming.user_events has clustering columns (event_time) but cassandra.table-layout=seed "
                        + "writes (event_time, event_type): recreate it as infra/cassandra/schema.cql does "
                        + "(cassandra.table-layout=seed), or set cassandra.table to a table that has this shape");
    }

    @Test
    void aMissingRegularColumnCanBeAdded() {
        List<TableShape.Column> columns = new ArrayList<>();
        for (String column : List.of("user_id", "bucket_date")) {
            columns.add(new TableShape.Column(column, "partition_key", columns.size(), ExpectedTable.COLUMNS.get(column)));
        }
        columns.add(new TableShape.Column("event_time", "clustering", 0, "timestamp"));
        columns.add(new TableShape.Column("event_type", "clustering", 1, "text"));
        columns.add(new TableShape.Column("event_id", "regular", -1, "uuid"));

        assertThat(SEED.problems(true, Optional.of(TableShape.of(columns)))).containsExactly(
                "table event_streaming.user_events has no column metadata (expected map<text, text>): add it (ALTER "
                        + "TABLE event_streaming.user_events ADD metadata map<text, text>) or set cassandra.table");
    }

    @Test
    void theMaximumExpirationDateFollowsTheStorageCompatibilityMode() {
        assertThat(ExpirationDateCheck.limit("CASSANDRA_4", false).orElseThrow().maxExpiration())
                .isEqualTo(Instant.parse("2038-01-19T03:14:06Z"));
        assertThat(ExpirationDateCheck.limit("upgrading", false).orElseThrow().maxExpiration())
                .isEqualTo(Instant.parse("2038-01-19T03:14:06Z"));
        assertThat(ExpirationDateCheck.limit("NONE", false).orElseThrow().maxExpiration())
                .isEqualTo(Instant.parse("2106-02-07T06:28:13Z"));
        assertThat(ExpirationDateCheck.limit("CASSANDRA_6", false)).isEmpty();
    }

    @Test
    void aTtlPastTheMaximumExpirationDateIsRefusedNamingTheLimit() {
        Instant now = Instant.parse("2026-12-01T12:00:00.750Z");
        ExpirationDateCheck.Limit legacy = ExpirationDateCheck.limit("CASSANDRA_4", true).orElseThrow();
        long toLimit = Instant.parse("2038-01-19T03:14:06Z").getEpochSecond() - Instant.parse("2026-12-01T12:00:00Z").getEpochSecond();

        // Cassandra refuses only an expiration after the limit: exactly at it is accepted.
        assertThat(ExpirationDateCheck.problem(Duration.ofSeconds(toLimit), legacy, now)).isEmpty();
        assertThat(ExpirationDateCheck.problem(Duration.ofSeconds(toLimit + 1), legacy, now)).isPresent();
        assertThat(ExpirationDateCheck.problem(Duration.ofDays(7300), legacy, now)).contains(
                "cassandra.ttl=7300 d (630720000 s) makes rows written now expire at 2046-11-26T12:00:00Z, after "
                        + "Cassandra's maximum expiration date 2038-01-19T03:14:06Z (storage_compatibility_mode "
                        + "CASSANDRA_4, Cassandra 5.0's default), so Cassandra would refuse every write: lower "
                        + "cassandra.ttl to at most 4066 d, or set storage_compatibility_mode: NONE on every node once "
                        + "all run 5.0");
        assertThat(ExpirationDateCheck.problem(Duration.ofDays(7300),
                ExpirationDateCheck.limit("NONE", false).orElseThrow(), now)).isEmpty();
        assertThat(ExpirationDateCheck.refusedFrom(Duration.ofDays(1), legacy)).isEqualTo(Instant.parse("2038-01-18T03:14:06Z"));
    }

    @Test
    void serverSettingsReadCassandrasSizesAndDefaults() {
        assertThat(CassandraServerSettings.bytes("16384KiB")).contains(16L * 1024 * 1024);
        assertThat(CassandraServerSettings.bytes("32MiB")).contains(32L * 1024 * 1024);
        assertThat(CassandraServerSettings.bytes("1GiB")).contains(1024L * 1024 * 1024);
        assertThat(CassandraServerSettings.bytes("512B")).contains(512L);
        assertThat(CassandraServerSettings.bytes("16 MB")).isEmpty();

        Map<String, String> asCassandra509Shows = new HashMap<>(Map.of("max_mutation_size", "16384KiB",
                "commitlog_segment_size", "32MiB"));
        asCassandra509Shows.put("storage_compatibility_mode", null);
        CassandraServerSettings local = new CassandraServerSettings("5.0.9", asCassandra509Shows);
        assertThat(local.maxMutationBytes()).hasValue(16L * 1024 * 1024);
        assertThat(local.has("storage_compatibility_mode")).isTrue();
        assertThat(local.value("storage_compatibility_mode")).isEmpty();
        assertThat(local.defaultStorageCompatibilityMode()).contains("CASSANDRA_4");

        assertThat(new CassandraServerSettings("5.0.9", Map.of("commitlog_segment_size", "64MiB")).maxMutationBytes())
                .hasValue(32L * 1024 * 1024);
        assertThat(new CassandraServerSettings("4.0.1", Map.of("max_mutation_size_in_kb", "8192")).maxMutationBytes())
                .hasValue(8L * 1024 * 1024);
        assertThat(new CassandraServerSettings("4.0.1", Map.of("commitlog_segment_size_in_mb", "32")).maxMutationBytes())
                .hasValue(16L * 1024 * 1024);
        assertThat(new CassandraServerSettings("4.0.1", Map.of()).maxMutationBytes()).isEmpty();
        assertThat(new CassandraServerSettings("4.1.3", Map.of()).defaultStorageCompatibilityMode()).isEmpty();
    }

    @Test
    void aDeadLetterLargerThanItsTopicAllowsIsRefused() {
        assertThat(SizeLimitChecks.deadLetters("user-events-dlq", 2_000_000, 1_048_588)).contains(
                "dlq.max-record-bytes=2000000 exceeds max.message.bytes=1048588 of topic user-events-dlq: lower it or "
                        + "raise the topic's max.message.bytes");
        assertThat(SizeLimitChecks.deadLetters("user-events-dlq", 1_048_588, 1_048_588)).isEmpty();
        assertThat(SizeLimitChecks.deadLetters("user-events-dlq", 1_000_000, 1_048_588)).isEmpty();
    }

    @Test
    void aRowOrBatchOverHalfTheLargestMutationIsRefused() {
        long sixteenMiB = 16L * 1024 * 1024;
        assertThat(SizeLimitChecks.rows(8 * 1024 * 1024 + 1, sixteenMiB)).contains(
                "validation.max-row-bytes=8388609 exceeds half of Cassandra's largest mutation, 16777216 bytes "
                        + "(max_mutation_size, by default half of commitlog_segment_size): lower validation.max-row-bytes "
                        + "to at most 8388608 or raise max_mutation_size in cassandra.yaml");
        assertThat(SizeLimitChecks.rows(8 * 1024 * 1024, sixteenMiB)).isEmpty();
        assertThat(SizeLimitChecks.rows(1024 * 1024, sixteenMiB)).isEmpty();

        assertThat(SizeLimitChecks.batches(1024 * 1024, 512 * 1024)).contains(
                "cassandra.batch.max-bytes=1048576 exceeds half of Cassandra's largest mutation, 524288 bytes "
                        + "(max_mutation_size): lower cassandra.batch.max-bytes to at most 262144 or raise "
                        + "max_mutation_size in cassandra.yaml");
        assertThat(SizeLimitChecks.batches(1024 * 1024, sixteenMiB)).isEmpty();
    }

    @Test
    void theReportListsEveryProblemAndNoSecret() throws Exception {
        PipelineConfig config = PipelineConfig.load(new String[] {
            "--cassandra.username", "job", "--cassandra.password", "s3cret-cass",
            "--kafka.property.sasl.jaas.config",
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"job\" password=\"s3cret-kafka\";",
            "--kafka.property.ssl.truststore.password", "s3cret-store"}, Map.of());
        PreflightReport report = new PreflightReport.Builder()
                .problem("Cassandra refused s3cret-cass")
                .problem("Kafka said password=\"s3cret-kafka\" and s3cret-store")
                .skipped("nothing about s3cret-cass")
                .build();

        PreflightReport shown = Preflight.redacted(report, Preflight.secrets(config));

        assertThat(shown.passed()).isFalse();
        assertThat(shown.message()).isEqualTo("Start-up checks failed (2 problems); the job was not started:\n"
                + "  - Cassandra refused <redacted>\n"
                + "  - Kafka said password=\"<redacted>\" and <redacted>");
        assertThat(shown.skipped()).containsExactly("nothing about <redacted>");
        assertThat(new PreflightReport.Builder().build().passed()).isTrue();
    }

    @Test
    void theReportHidesTlsStorePasswordsAndTheDeadLetterProducersSecrets() throws Exception {
        PipelineConfig loaded = PipelineConfig.load(new String[] {
            "--dlq.property.sasl.jaas.config", "x.ScramLoginModule required username=\"dlq\" password=\"s3cret-dlq\";",
            "--kafka.property.sasl.oauthbearer.client.secret", "s3cret-oauth"}, Map.of());
        PipelineConfig config = ImmutablePipelineConfig.copyOf(loaded).withCassandra(
                ImmutableCassandraSinkSettings.copyOf(loaded.cassandra())
                        .withSsl(true)
                        .withTls(CassandraTlsSettings.builder().truststorePath("/t.p12").truststorePassword("s3cret-trust")
                                .keystorePath("/k.p12").keystorePassword("s3cret-key").build()));
        PreflightReport report = new PreflightReport.Builder()
                .problem("s3cret-trust, s3cret-key, password=\"s3cret-dlq\", s3cret-oauth")
                .build();

        assertThat(Preflight.redacted(report, Preflight.secrets(config)).problems())
                .containsExactly("<redacted>, <redacted>, password=\"<redacted>\", <redacted>");
    }

    @Test
    void aFailedConnectionNamesTheTlsOptionToFix() {
        java.util.function.Function<Exception, AllNodesFailedException> refused = cause -> failed(
                new ClosedConnectionException("Unexpected exception triggered", new RuntimeException(cause)));

        assertThat(CassandraConnectionHints.hint(refused.apply(new SSLHandshakeException(
                "No subject alternative names matching IP address 127.0.0.1 found")), true))
                .get().asString().contains("cassandra.contact-points", "cassandra.ssl.hostname-verification=false");
        assertThat(CassandraConnectionHints.hint(refused.apply(new SSLHandshakeException(
                "PKIX path building failed: unable to find valid certification path to requested target")), true))
                .get().asString().contains("not trusted", "cassandra.ssl.truststore.path");
        assertThat(CassandraConnectionHints.hint(refused.apply(new SSLHandshakeException(
                "Received fatal alert: certificate_required")), true))
                .get().asString().contains("cassandra.ssl.keystore.path");
        assertThat(CassandraConnectionHints.hint(refused.apply(new SSLException(
                "Unrecognized SSL message, plaintext connection?")), true))
                .get().asString().contains("does not speak TLS", "cassandra.ssl=false");
        assertThat(CassandraConnectionHints.hint(failed(new ClosedConnectionException("Channel has been closed")), false))
                .get().asString().contains("cassandra.ssl=true");
        assertThat(CassandraConnectionHints.hint(failed(new ClosedConnectionException("Connection refused")), true))
                .isEmpty();
    }

    /**
     * What the driver throws when no node could be used: one node's error. The node itself plays no part
     * beyond being a key, and the driver's own needs a running driver context: a proxy stands in.
     */
    private static AllNodesFailedException failed(Throwable error) {
        Node node = (Node) java.lang.reflect.Proxy.newProxyInstance(Node.class.getClassLoader(), new Class<?>[] {Node.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> 1;
                    case "equals" -> proxy == args[0];
                    default -> "127.0.0.1:9042";
                });
        return AllNodesFailedException.fromErrors(Map.of(node, error));
    }

    @Test
    void jobPreflightIsOnUnlessTurnedOff() throws Exception {
        assertThat(PipelineConfig.load(new String[0], Map.of()).job().preflight()).isTrue();
        assertThat(PipelineConfig.load(new String[] {"--job.preflight", "false"}, Map.of()).job().preflight()).isFalse();
        assertThat(PipelineConfig.load(new String[0], Map.of("EVENT_PIPELINE_JOB_PREFLIGHT", "false")).job().preflight())
                .isFalse();
    }
}
